# Every family of memory-writing instruction the effects tracker models, each executed once
# (string instructions several iterations), in a static program without libc.
        .bss
        .align 64
area:   .skip 4096
xarea:  .skip 16384            # 64-byte aligned xsave area (xsave needs 64, fxsave 16)
        .text
        .globl _start
_start:
        mov %rsp, %rbp                  # enter with a nesting level reads the frame above
        lea area(%rip), %rbx
        # --- integer read-modify-write and plain stores -------------------------------------
        movl $0x11223344, (%rbx)
        movq $-1, 8(%rbx)
        movb $7, 16(%rbx,%rcx,1)
        mov %rbx, 24(%rbx)
        # stores whose bytes the tracker takes from the registers (every width, rsp, ah..dh read back)
        mov $0x8877665544332211, %rsi
        mov $0x1122334455667788, %r9
        mov %sil, 1408(%rbx)
        mov %r9b, 1409(%rbx)
        mov %si, 1410(%rbx)
        mov %r9w, 1412(%rbx)
        mov %esi, 1416(%rbx)
        mov %r9d, 1420(%rbx)
        mov %rsi, 1424(%rbx)
        mov %r9, 1432(%rbx)
        mov %rsp, 1440(%rbx)
        mov %spl, 1448(%rbx)
        mov $0x1234, %eax
        mov %ah, 1449(%rbx)
        movw $-2, 1450(%rbx)
        movl $-3, 1452(%rbx)
        movq $0x7fffffff, 1456(%rbx)
        movq $-0x80000000, 1464(%rbx)
        push %rsp
        pop %rax
        addl $5, (%rbx)
        subq %rbx, 8(%rbx)
        andw $0xff0, 2(%rbx)
        orb $0x80, 3(%rbx)
        xorl %ebx, 4(%rbx)
        adcl $1, 32(%rbx)
        sbbl $1, 36(%rbx)
        incq 40(%rbx)
        decw 48(%rbx)
        negl 52(%rbx)
        notq 56(%rbx)
        movl $1, %eax
        cmpl $0, (%rbx)
        setne 60(%rbx)
        sete 61(%rbx)
        cmovne 8(%rbx), %rax    # reads memory, writes none
        movbe %eax, 64(%rbx)
        # --- atomics --------------------------------------------------------------------------
        movl $9, %ecx
        xchg %ecx, 68(%rbx)
        movl $0, %eax
        movl $77, %ecx
        lock cmpxchg %ecx, 72(%rbx)     # succeeds: [72] was 0
        lock cmpxchg %ecx, 72(%rbx)     # fails: rewrites nothing new
        movl $3, %ecx
        lock xaddl %ecx, 76(%rbx)
        xor %eax, %eax
        xor %edx, %edx
        mov $5, %ecx
        mov $6, %ebx
        lea area(%rip), %rsi
        lock cmpxchg16b 80(%rsi)
        lea area(%rip), %rbx
        # --- bit tests and shifts on memory -------------------------------------------------------
        movl $35, %eax
        bts %eax, 96(%rbx)              # bit 35: the dword at 100
        btsl $2, 96(%rbx)
        btrq $2, 96(%rbx)
        btcw $15, 104(%rbx)
        bt %eax, 96(%rbx)               # reads only
        movl $0x01010101, 112(%rbx)
        shll $3, 112(%rbx)
        shrw 114(%rbx)
        sarq $1, 120(%rbx)
        roll $8, 112(%rbx)
        rorb $1, 113(%rbx)
        mov $4, %cl
        shldl %cl, %eax, 124(%rbx)
        # --- stack: push, call, enter, pushf ---------------------------------------------------
        push %rbx
        pushq $0x1234
        pushq 8(%rbx)
        pushw $7
        pushf
        popf
        pop %ax
        pop %rax
        pop %rax
        popq 128(%rbx)
        call leaf
        lea leaf(%rip), %rax
        call *%rax
        mov %rax, 136(%rbx)
        call *136(%rbx)
        call framed
        # --- string instructions: each single step is one iteration ---------------------------------
        cld
        lea 256(%rbx), %rdi
        mov $0x5a, %al
        mov $5, %ecx
        rep stosb
        mov $3, %ecx
        mov $0x0102030405060708, %rax
        rep stosq
        xor %ecx, %ecx
        rep stosq                       # rcx = 0: no iteration, no write
        stosl
        lea 256(%rbx), %rsi
        lea 512(%rbx), %rdi
        mov $9, %ecx
        rep movsb
        movsq
        std                             # backwards: rdi decreases, each element still at rdi
        lea 700(%rbx), %rdi
        lea 256(%rbx), %rsi
        mov $4, %ecx
        rep movsw
        mov $3, %ecx
        rep stosl
        cld
        lea 256(%rbx), %rsi
        lea 512(%rbx), %rdi
        mov $4, %ecx
        repe cmpsb                      # reads only
        # --- SSE / AVX stores ---------------------------------------------------------------------
        pcmpeqd %xmm0, %xmm0
        movaps %xmm0, 768(%rbx)
        movups %xmm0, 785(%rbx)
        movdqa %xmm0, 816(%rbx)
        movdqu %xmm0, 833(%rbx)
        movq %xmm0, 850(%rbx)
        movd %xmm0, 860(%rbx)
        movss %xmm0, 866(%rbx)
        movsd %xmm0, 872(%rbx)
        movlps %xmm0, 880(%rbx)
        movhpd %xmm0, 888(%rbx)
        movntdq %xmm0, 896(%rbx)
        movntps %xmm0, 912(%rbx)
        movnti %eax, 928(%rbx)
        pextrb $1, %xmm0, 932(%rbx)
        pextrw $1, %xmm0, 934(%rbx)
        pextrd $1, %xmm0, 936(%rbx)
        pextrq $1, %xmm0, 944(%rbx)
        extractps $2, %xmm0, 952(%rbx)
        stmxcsr 956(%rbx)
        lea 960(%rbx), %rdi
        movdqa 768(%rbx), %xmm1         # all-ones mask: every byte is stored
        maskmovdqu %xmm1, %xmm0
        vpcmpeqd %ymm2, %ymm2, %ymm2
        vmovdqu %ymm2, 992(%rbx)
        vmovaps %ymm2, 1024(%rbx)
        vmovups %xmm2, 1057(%rbx)
        vmovntdq %ymm2, 1088(%rbx)
        vmovq %xmm2, 1120(%rbx)
        vmovd %xmm2, 1128(%rbx)
        vextractf128 $1, %ymm2, 1136(%rbx)
        vextracti128 $1, %ymm2, 1152(%rbx)
        vmaskmovps %ymm2, %ymm2, 1184(%rbx)
        vpmaskmovd %ymm2, %ymm2, 1216(%rbx)
        vmovdqu 992(%rbx), %ymm3        # a load writes no memory
        vzeroupper
        # --- x87 stores -------------------------------------------------------------------------
        finit
        fldpi
        fsts 1280(%rbx)
        fstl 1284(%rbx)
        fld1
        fstpt 1296(%rbx)
        fldl2e
        fistl 1312(%rbx)
        fistpll 1320(%rbx)
        fldpi
        fisttpl 1328(%rbx)
        fnstcw 1332(%rbx)
        fnstsw 1334(%rbx)
        fnstsw %ax
        fldpi
        fbstp 1344(%rbx)
        fldz
        fnstenv 1360(%rbx)
        fldcw 1360(%rbx)
        fnsave 1392(%rbx)
        frstor 1392(%rbx)
        # --- xsave family: edx:eax = all features ---------------------------------------------------
        vpcmpeqd %ymm4, %ymm4, %ymm4    # AVX state in use, so the xsaves write its component
        lea xarea(%rip), %rdi
        fxsave (%rdi)
        fxsave64 512(%rdi)
        mov $-1, %eax
        mov $-1, %edx
        xsave 1024(%rdi)
        xsaveopt 4096(%rdi)
        xsavec 8192(%rdi)
        mov $7, %eax
        xor %edx, %edx
        xsavec 12288(%rdi)
        # --- no memory written --------------------------------------------------------------------
        rdtsc
        xor %eax, %eax
        cpuid
        lea area(%rip), %rbx
        # --- system calls: write(1, area+256, 5) and exit(0) ------------------------------------
        mov $1, %eax
        mov $1, %edi
        lea 256(%rbx), %rsi
        mov $5, %edx
        syscall
        mov $60, %eax
        xor %edi, %edi
        syscall

leaf:
        ret
framed:
        enter $32, $0
        movq $1, -8(%rbp)
        leave
        enter $16, $2                   # nesting level 2: copies a frame pointer too
        leave
        ret
