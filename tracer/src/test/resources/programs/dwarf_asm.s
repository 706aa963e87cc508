    .text
    .globl _start
_start:
    mov $3, %rdi
    call twice
    mov %rax, %rdi
    mov $60, %eax
    syscall

    .globl twice
twice:
    push %rbp
    mov %rsp, %rbp
    lea (%rdi,%rdi), %rax
    pop %rbp
    ret
