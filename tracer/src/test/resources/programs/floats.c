#include <stdio.h>

__attribute__((noinline)) double scale(double x, double k) {
    return x * k; // BREAK: scale
}

int main(void) {
    volatile float f = 2.5f;
    long double ld = 1.0L / 3.0L;
    double r = scale(1.5, f);
    printf("%.3f %.6Lf\n", r, ld);
    return 0;
}
