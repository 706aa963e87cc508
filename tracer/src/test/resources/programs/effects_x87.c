/* long double arithmetic: x87 loads and stores (fld/fstp of 80-bit values, fistp/fisttp when
 * converting, fnstcw/fldcw around truncation), plus printf's %Lf. */
#include <stdio.h>

static long double table[8];
static long long as_int[8];
static short as_short[8];

int main(void) {
    long double x = 1.0L;
    for (int i = 0; i < 8; i++) {
        x = x * 3.25L + 0.125L;
        table[i] = x;
        as_int[i] = (long long) x;
        as_short[i] = (short) (x / 1000);
    }
    float f = (float) table[3];
    double d = (double) table[5];
    printf("%Lf %lld %d %f %f\n", table[7], as_int[6], as_short[7], f, d);
    return 0;
}
