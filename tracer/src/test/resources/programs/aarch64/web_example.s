// Sum 1..5 in a loop, then print a message with the write system call.
        .section .rodata
message:
        .ascii  "sum computed\n"
        .set    length, . - message

        .text
        .globl  main
        .type   main, %function
main:
        mov     w0, #0              // sum = 0
        mov     w1, #5              // counter = 5
loop:
        add     w0, w0, w1          // sum += counter
        subs    w1, w1, #1          // counter -= 1, setting the flags
        b.ne    loop                // again while counter != 0
        mov     w9, w0              // keep the sum (15)
        mov     x0, #1              // fd 1 = stdout
        adrp    x1, message
        add     x1, x1, :lo12:message
        mov     x2, #length
        mov     x8, #64             // syscall 64 = write
        svc     #0
        mov     w0, #0              // return 0
        ret
        .section .note.GNU-stack,"",%progbits
