/* The AArch64 finish test's program (dev.hindsight.tracer.aarch64.FinishTest): a callee returning an
 * int in x0 (finished from its first line and from its `ret`), a C-library call without line
 * information stepped into (its return address is in x30, not on the stack), a double returned in d0,
 * and an exit code made of the results (40 + 7 + 94 - 100 = 41, or 91 if the double went wrong). */
#include <stdlib.h>

int twice(int v) {
    int r = v * 2; // BREAK: twice-entry
    return r;
}

double half(double v) {
    double h = v / 2; // BREAK: half-entry
    return h;
}

int main(void) {
    double d = half(5.0);     // BREAK: call-half
    int a = twice(20);        // BREAK: first-twice
    int b = atoi("7");        // BREAK: call-libc
    int c = twice(a + b);     // BREAK: second-twice
    return a + b + c - 100 + (d == 2.5 ? 0 : 50); // BREAK: after
}
