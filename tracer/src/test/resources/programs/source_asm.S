# Assembly built with -g: stepping by source line works here too.
        .text
        .globl main
main:
        push    %rbp
        mov     %rsp, %rbp
        mov     $3, %edi
        call    triple
        mov     %eax, %ebx          # BREAK: after_call
        pop     %rbp
        xor     %eax, %eax
        ret

        .globl triple
triple:
        lea     (%rdi,%rdi,2), %eax
        ret
