# Hand-written instructions with known encodings for classification tests; never executed.
    .text
    .globl kinds
    .type kinds, @function
kinds:
    call kinds_target          # e8 rel32
    jmp kinds_target           # e9 rel32 (assembler may relax to eb)
    je kinds_target            # 0f 84 / 74
    jne 1f                     # 75 rel8
1:  call *%rax
    jmp *%rax
    jmp *8(%rip)
    movl counter_like(%rip), %eax
    syscall
    int3
    int $0x80
    loop 1b
    jrcxz 1b
    rep stosb
    ret
    ret $8
    .byte 0x06                 # push %es: invalid in 64-bit mode
    nop
kinds_target:
    ret
    .size kinds, .-kinds
    .data
counter_like:
    .long 1
