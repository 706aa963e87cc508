/* The AArch64 engine test's program (dev.hindsight.tracer.aarch64.EngineTest): a function called
 * twice with an int argument, a local computed from it, and an exit code made of both results
 * (19 + 13 - 20 = 12). */
static volatile int sink;

int scale(int factor) {
    int local = factor * 3 + 1; // BREAK: scale-entry
    sink = local;               // BREAK: in-scale
    return local;
}

int main(void) {
    int seed = 4;
    int first = scale(seed + 2);  // BREAK: first-call
    int second = scale(seed);     // BREAK: second-call
    return first + second - 20;   // BREAK: after-calls
}
