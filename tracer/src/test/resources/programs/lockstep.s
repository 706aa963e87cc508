# Lockstep fixture in assembly: no libc, its own _start, loops, calls, flags, write and exit.
        .text
        .globl _start
_start:
        mov     $10, %rcx
        xor     %rax, %rax
1:      add     %rcx, %rax
        dec     %rcx
        jnz     1b
        push    %rax
        call    square
        pop     %rbx
        cmp     $3025, %rax
        sete    %dl
        movzbq  %dl, %rdi
        lea     msg(%rip), %rsi
        mov     $6, %rdx
        mov     $1, %rax
        mov     $1, %rdi
        syscall
        mov     $60, %rax
        mov     $7, %rdi
        syscall

square:
        mov     8(%rsp), %rax
        imul    %rax, %rax
        ret

        .data
msg:    .ascii  "asm!\n\n"
