/* until, return and info frame: a loop to leave, a function to return from early, floating-point
   and pointer results to force. */
#include <stdio.h>

static double half(double x) {
    return x / 2; // BREAK: half
}

static int *pick(int *a, int i) {
    return &a[i]; // BREAK: pick
}

static int count(int n) {
    int sum = 0;
    for (int i = 0; i < n; i++) { // BREAK: loop
        sum += i;                 // BREAK: body
    }
    return sum;                   // BREAK: count_return
}

static int later(void) {
    return 7; // BREAK: later
}

int main(void) {
    int a[3] = {1, 2, 3};
    double h = half(3.0); // BREAK: call_half
    int *p = pick(a, 1);
    int s = count(3);     // BREAK: call_count
    int l = later();
    printf("%.1f %d %d %d\n", h, *p, s, l); // BREAK: print
    return 0;
}
