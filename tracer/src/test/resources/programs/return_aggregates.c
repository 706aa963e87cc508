/* Structures with array and structure members, returned by value: the x86-64 System V ABI
   classifies each eightbyte from the members in it (nested structures and arrays flattened):
   rax:rdx for INTEGER ones, xmm0:xmm1 for SSE ones, memory (its address in rax) above 16 bytes. */
#include <stdio.h>

struct ints3 { int a[3]; };                          /* INTEGER, INTEGER */
struct nested { struct { float x, y; } p; double d; }; /* SSE, SSE */
struct chars_float { char c[5]; float f; };          /* INTEGER, SSE */
struct double_int { double d; int i; };              /* SSE, INTEGER */
struct longs3 { long a[3]; };                        /* MEMORY */
struct floats3 { float f[3]; };                      /* SSE, SSE */
union int_float { int i; float f; };                 /* INTEGER */
struct wrapped_ld { long double x; };                /* X87: st0 */

struct ints3 g_ints3 = {{7, 8, 9}};
struct nested g_nested = {{0.5f, -1.25f}, 6.5};
struct chars_float g_chars_float = {"wxyz", 3.75f};
struct double_int g_double_int = {-2.5, 42};
struct longs3 g_longs3 = {{100, 200, 300}};
struct floats3 g_floats3 = {{-1, 0.25f, 8}};
union int_float g_int_float = {1078530011};
struct wrapped_ld g_wrapped_ld = {1.0L / 3}; /* beyond a double's precision */

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

struct floats3 make_floats3(float x) {
    struct floats3 s = {{x, x + 0.5f, x + 1}};
    return s; // BREAK: floats3
}

union int_float make_int_float(int n) {
    union int_float u;
    u.i = n;
    return u; // BREAK: int_float
}

struct wrapped_ld make_wrapped_ld(long double x) {
    struct wrapped_ld s = {x / 3};
    return s; // BREAK: wrapped_ld
}

int main(void) {
    struct ints3 a = make_ints3(1);
    struct nested b = make_nested(3.0f);
    struct chars_float c = make_chars_float('a');
    struct double_int d = make_double_int(4);
    struct longs3 e = make_longs3(5);
    struct floats3 f = make_floats3(2.0f);
    union int_float g = make_int_float(65);
    struct wrapped_ld h = make_wrapped_ld(1.0L);
    printf("%d %g %s %g %ld %g %d %Lg\n", a.a[2], b.d, c.c, d.d, e.a[2], f.f[2], g.i, h.x); // BREAK: print
    return 0;
}
