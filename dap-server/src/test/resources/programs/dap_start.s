# A freestanding program: no main, no libc.
    .globl _start
    .text
_start:
    mov $5, %rax        # BREAK: start
    add $7, %rax
    mov %rax, %rdi
    mov $60, %rax
    syscall
