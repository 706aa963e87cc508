/* Vector registers and wide floating-point types as gdb prints them (VectorRegisterOracleTest):
 * xmm3 and xmm4 loaded with known lanes, a quadruple-precision local and member (IEEE binary128,
 * x86-64's __float128), an x87 long double beside it. */
struct quad_box {
    int tag;
    __float128 q;
    long double x87;
};

static const float lanes[4] = {1.5f, -2.25f, 1e10f, 0.0f};
static const long long wide[2] = {-1, 0x0123456789abcdefLL};

int main(void) {
    __float128 third = 1.0Q / 3;
    __float128 tiny = -1e-4000Q;
    long double ext = 0.1L;
    struct quad_box box = {7, 0.1Q, 2.5L};
    __asm__ volatile("movups %0, %%xmm3" : : "m"(lanes) : "xmm3");
    __asm__ volatile("movups %0, %%xmm4" : : "m"(wide) : "xmm4");
    return (int) third + (int) tiny + (int) ext + box.tag; // BREAK: vectors
}
