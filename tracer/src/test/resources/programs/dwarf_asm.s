    .text
    .globl _start
_start:
    mov $3, %rdi
    call twice
    mov %rax, %rdi
    mov $60, %eax
    syscall

    .globl twice
    .type twice, @function
twice:
    .cfi_startproc
    push %rbp
    .cfi_def_cfa_offset 16
    .cfi_offset %rbp, -16
    mov %rsp, %rbp
    .cfi_def_cfa_register %rbp
    lea (%rdi,%rdi), %rax
    pop %rbp
    .cfi_def_cfa %rsp, 8
    ret
    .cfi_endproc
    .size twice, .-twice
