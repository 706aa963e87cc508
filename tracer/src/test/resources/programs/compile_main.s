# main in assembly, linked against libc: prints with puts and returns 5.
    .text
    .globl main
main:
    push %rbp                   # realigns the stack to 16 bytes for the call
    lea message(%rip), %rdi
    call puts@PLT
    mov $5, %eax
    pop %rbp
    ret
    .section .rodata
message:
    .string "hello from assembly"
    .section .note.GNU-stack,"",@progbits
