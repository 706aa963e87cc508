/* Structures with array and structure members, returned by value: the x86-64 System V ABI
   classifies each eightbyte from the members in it (nested structures and arrays flattened):
   rax:rdx for INTEGER ones, xmm0:xmm1 for SSE ones, memory (its address in rax) above 16 bytes. */
#include <stdio.h>

struct ints3 { int a[3]; };                          /* INTEGER, INTEGER */
struct nested { struct { float x, y; } p; double d; }; /* SSE, SSE */
struct chars_float { char c[5]; float f; };          /* INTEGER, SSE */
struct double_int { double d; int i; };              /* SSE, INTEGER */
struct longs3 { long a[3]; };                        /* MEMORY */

struct ints3 g_ints3 = {{7, 8, 9}};
struct nested g_nested = {{0.5f, -1.25f}, 6.5};
struct chars_float g_chars_float = {"wxyz", 3.75f};
struct double_int g_double_int = {-2.5, 42};
struct longs3 g_longs3 = {{100, 200, 300}};

struct ints3 make_ints3(int n) {
    struct ints3 s = {{n, n + 1, n + 2}};
    return s; // BREAK: ints3
}

struct nested make_nested(float x) {
    struct nested s = {{x, x * 2}, x / 4};
    return s; // BREAK: nested
}

struct chars_float make_chars_float(char c) {
    struct chars_float s = {{c, c + 1, c + 2, c + 3, 0}, 1.5f};
    return s; // BREAK: chars_float
}

struct double_int make_double_int(int n) {
    struct double_int s = {n * 1.5, n};
    return s; // BREAK: double_int
}

struct longs3 make_longs3(long n) {
    struct longs3 s = {{n, n * 2, n * 3}};
    return s; // BREAK: longs3
}

int main(void) {
    struct ints3 a = make_ints3(1);
    struct nested b = make_nested(3.0f);
    struct chars_float c = make_chars_float('a');
    struct double_int d = make_double_int(4);
    struct longs3 e = make_longs3(5);
    printf("%d %g %s %g %ld\n", a.a[2], b.d, c.c, d.d, e.a[2]); // BREAK: print
    return 0;
}
