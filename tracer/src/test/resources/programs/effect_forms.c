// Instruction forms the web page's "effect at this stop" covers, for its AT&T/Intel agreement test
// (web-ui insn-operands.test.mjs): loads, stores, sign/zero extension, indexed and rip-relative
// operands, arithmetic setting flags, signed and unsigned jumps, calls, push and pop.
long total;
unsigned char bytes[8] = {1, 2, 3, 250};
short shorts[4] = {-3, 7};

static long scale(long v, int by) {
    long r = v * by;
    if (r > 100) r -= 100;
    return r;
}

int main(int argc, char **argv) {
    signed char c = -5;
    unsigned u = 3;
    long sum = c;
    for (int i = 0; i < 4; i++) {
        sum += bytes[i] + shorts[i & 1];
        if (u > (unsigned)i) sum ^= i;
        if (sum == 42 || sum < -7) sum = -sum;
    }
    total += scale(sum, argc) & 0xff;
    total++;
    char *p = argv[0];
    while (*p) p++;
    return (int)(total | (p - argv[0])) & 1;
}
