/* The adapter service's warm-up program (WarmUp.java): stepped by instruction and by line, its
   locals, arguments and registers read at every stop, so that the JIT has compiled a step's
   round trip before the first real session. It never ends by itself. */
volatile unsigned long sink;

static unsigned long mix(unsigned long value, int round) {
    unsigned long shifted = value >> (round & 7);
    return value ^ shifted;
}

int main(void) {
    unsigned long total = 1;
    for (int round = 0;; round++) {
        total = mix(total + (unsigned long)round, round);
        sink = total;
    }
}
