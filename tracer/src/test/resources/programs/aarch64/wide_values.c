/* The AArch64 vector-register and long double test's program (dev.hindsight.tracer.aarch64.WideValuesTest):
 * v9, v11 and v12 loaded with known lanes just before a marked line; long double (IEEE binary128 on
 * AArch64) as a local, a struct member and a result returned in q0. */
struct quad_box {
    int tag;
    long double q;
};

static const float lanes[4] = {1.5f, -2.25f, 1e10f, 0.0f};

long double third(long double x) {
    return x / 3; // BREAK: third-entry
}

int main(void) {
    long double ld = 0.1L;
    struct quad_box box = {7, -2.5e-30L};
    __asm__ volatile("fmov d9, #2.5\n\tmovi v11.16b, #0xab\n\tldr q12, [%0]" : : "r"(lanes) : "v9", "v11", "v12");
    long double r = third(ld); // BREAK: wide-set
    return (int) (r * 30) + box.tag - 8;
}
