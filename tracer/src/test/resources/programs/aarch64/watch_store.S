// AArch64 hardware watchpoint fixture (static, no libc): one 8-byte store to a watched word,
// then exit with a status that says the store and the instruction after it ran.
    .data
    .balign 8
    .globl watched
watched:
    .quad 0
    .text
    .globl _start
_start:
    adrp    x1, watched
    add     x1, x1, :lo12:watched
    mov     x0, #7
    .globl at_store
at_store:
    str     x0, [x1]            // BREAK: store
    .globl after_store
after_store:
    ldr     x0, [x1]
    add     x0, x0, #1          // exit(8) when the store landed
    mov     x8, #93
    svc     #0
