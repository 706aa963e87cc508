/* Known values in the registers beyond the general and SSE ones, for comparing register views
 * with gdb: three x87 stack entries, the upper halves of ymm0/ymm15, zmm upper halves, zmm16 and
 * zmm31 (AVX-512 only), and the mask registers k1-k3. Inline assembly, so no compiler flags are
 * needed; run only where CPUID says the CPU and OS have AVX-512 (the test checks first). With an
 * argument it then dies on ud2 (SIGILL), registers as loaded, for the kernel's core dump. */
static const double stack_values[3] = {1.5, -2.25, 3.0e10};
static unsigned char pattern[64];

int main(int argc, char **argv) {
    (void) argv;
    for (int i = 0; i < 64; i++) pattern[i] = (unsigned char) (i * 7 + 1);
    pattern[40] = 0; /* a run of equal lanes somewhere: gdb prints long runs as <repeats N times> */
    for (int i = 48; i < 64; i++) pattern[i] = 0x5a;
    __asm__ volatile("fninit\n\t"
                     "fldl %0\n\t"
                     "fldl %1\n\t"
                     "fldl %2\n\t"
                     "vmovdqu (%3), %%ymm0\n\t"
                     "vmovdqu 32(%3), %%ymm15\n\t"
                     "vmovdqu64 (%3), %%zmm1\n\t"
                     "vmovdqu64 (%3), %%zmm16\n\t"
                     "vpternlogd $0xff, %%zmm31, %%zmm31, %%zmm31\n\t"
                     "movq $0x5, %%rax\n\t"
                     "kmovq %%rax, %%k1\n\t"
                     "movq $0xfedcba9876543210, %%rax\n\t"
                     "kmovq %%rax, %%k2\n\t"
                     "movq $0x8000, %%rax\n\t"
                     "kmovq %%rax, %%k3\n\t"
                     :
                     : "m"(stack_values[2]), "m"(stack_values[1]), "m"(stack_values[0]), "r"(pattern)
                     : "rax", "xmm0", "xmm1", "xmm15", "xmm16", "xmm31", "memory");
    volatile int stop = 0; // BREAK: loaded
    if (argc > 1) __builtin_trap();
    return stop;
}
