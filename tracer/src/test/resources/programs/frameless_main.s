# main in assembly without a frame (no push %rbp, no CFI), as the web page's assembly example:
# step out from its loop must find the return address at the stack pointer.
        .text
        .globl  main
main:
        xor     %eax, %eax
        mov     $5, %ecx
loop:
        add     %ecx, %eax          # BREAK: loop body
        dec     %ecx
        jnz     loop
        xor     %eax, %eax
        ret
        .section .note.GNU-stack,"",@progbits
