// AArch64 ptrace smoke fixture (static, no libc): known register values, one BRK #0 the tracer
// must see with pc still at the BRK, then instructions to single-step and an exit status that
// says which of them ran.
    .text
    .globl _start
_start:
    mov     x0, #42
    movz    x1, #0x1234
    movk    x1, #0xabcd, lsl #16
    .globl at_brk
at_brk:
    brk     #0                  // BREAK: brk
    .globl after_brk
after_brk:
    add     x0, x0, #1          // BREAK: add
    add     x0, x0, #2
    .globl at_exit
at_exit:
    mov     x8, #93             // exit(x0): 45 when every add ran once
    svc     #0
