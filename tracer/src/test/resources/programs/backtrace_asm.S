# Backtrace fixture for assembly: main and no_cfi keep a frame pointer but have no CFI,
# with_cfi has CFI and no frame pointer, frameless has neither.
        .text
        .globl main
        .type main, @function
main:
        push    %rbp
        mov     %rsp, %rbp
        call    with_cfi
        pop     %rbp
        xor     %eax, %eax
        ret
        .size main, .-main

        .globl with_cfi
        .type with_cfi, @function
with_cfi:
        .cfi_startproc
        push    %rbx
        .cfi_def_cfa_offset 16
        .cfi_offset %rbx, -16
        mov     $7, %ebx
        sub     $16, %rsp
        .cfi_def_cfa_offset 32
        call    no_cfi
        add     $16, %rsp
        .cfi_def_cfa_offset 16
        pop     %rbx
        .cfi_def_cfa_offset 8
        ret
        .cfi_endproc
        .size with_cfi, .-with_cfi

        .globl no_cfi
        .type no_cfi, @function
no_cfi:
        push    %rbp
        mov     %rsp, %rbp
        push    %r12
        mov     $5, %r12
        call    frameless
        pop     %r12
        pop     %rbp
        ret
        .size no_cfi, .-no_cfi

        .globl frameless
        .type frameless, @function
frameless:
        nop                     # BREAK: frameless
        ret
        .size frameless, .-frameless
        .section .note.GNU-stack,"",@progbits
