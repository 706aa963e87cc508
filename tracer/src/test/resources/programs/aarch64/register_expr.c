/* The AArch64 register-expression test's program (dev.hindsight.tracer.aarch64.RegisterExpressionTest):
 * known values put into x9, d9, s10, v11, cpsr, fpsr and fpcr by instructions whose effect the ISA
 * fixes, just before a marked line, so $x9, $w9, $d9, $s10, $q11, $v11, $cpsr, $fpsr and $fpcr
 * have expected values that do not come from the engine. */
static int touch(int v) {
    return v + 1;
}

int main(void) {
    __asm__ volatile(
        "movz x9, #0x7788\n\tmovk x9, #0x5566, lsl #16\n\tmovk x9, #0x3344, lsl #32\n\tmovk x9, #0x1122, lsl #48\n\t"
        "fmov d9, #2.5\n\tfmov s10, #1.5\n\tmovi v11.16b, #0xab\n\t"
        "mov x12, #0x400000\n\tmsr fpcr, x12\n\t"          /* RMode = 01: round towards plus infinity */
        "msr fpsr, xzr\n\tfmov d12, #1.0\n\tfmov d13, #3.0\n\tfdiv d12, d12, d13\n\t" /* 1/3: inexact, IXC (bit 4) */
        "cmp x9, x9\n\t"                                     /* equal: Z and C set, N and V clear */
        ::: "x9", "x12", "d9", "d10", "v11", "d12", "d13", "cc");
    return touch(0) - 1; // BREAK: regs-set
}
