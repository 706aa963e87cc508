// The AArch64 SIMD register test's program (dev.hindsight.tracer.aarch64.FpsimdRegistersTest):
// known values in d1 and s3 before at_read, where the engine stops, reads them and writes 42.0
// into d2; the program exits with d2 converted to an integer, so the exit code shows the write.
    .text
    .globl _start
_start:
    fmov d1, #1.5
    fmov s3, #-2.0
    .globl at_read
at_read:
    fcvtzs x0, d2
    mov x8, #93         // exit
    svc #0
