/* The AArch64 return-value test's program (dev.hindsight.tracer.aarch64.ReturnValueTest): one callee per
 * AAPCS64 result class, each finished from its first line: a composite of at most 16 bytes (x0, and
 * x1 for its second eightbyte, also when a double is in it: not a homogeneous aggregate), one above
 * 16 bytes (memory at x8, as the callee leaves it), homogeneous floating-point aggregates of doubles, of floats and of an array
 * (v0-v3), a float (s0). The exit code checks the values the program itself received. */
struct small { int a; char c; };
struct pair { long a; long b; };
struct mixed { double d; long l; };
struct big { long a, b, c; };
struct hfa2 { double x, y; };
struct hfa3 { float x, y, z; };
struct hfa4 { float v[4]; };

struct small make_small(int a) {
    struct small s = {a, 'q'}; // BREAK: small-entry
    return s;
}

struct pair make_pair(long a) {
    struct pair p = {a, -a * 2}; // BREAK: pair-entry
    return p;
}

struct mixed make_mixed(long l) {
    struct mixed m = {0.75, l}; // BREAK: mixed-entry
    return m;
}

/* Written out as optimizing compilers do, keeping x8: gdb, and the engine, read the result's address
 * from x8 at the return, and clang -O0 uses x8 as a scratch register (gdb shows garbage there). */
__attribute__((naked)) struct big make_big(long a) {
    __asm__("str x0, [x8]\n\tadd x1, x0, #1\n\tstr x1, [x8, #8]\n\tadd x1, x0, #2\n\tstr x1, [x8, #16]\n\tret"); // BREAK: big-entry
}

struct hfa2 make_hfa2(double x) {
    struct hfa2 h = {x, -x}; // BREAK: hfa2-entry
    return h;
}

struct hfa3 make_hfa3(float x) {
    struct hfa3 h = {x, x * 2, x * 4}; // BREAK: hfa3-entry
    return h;
}

struct hfa4 make_hfa4(float x) {
    struct hfa4 h = {{x, x + 1, x + 2, x + 3}}; // BREAK: hfa4-entry
    return h;
}

float third(float x) {
    float t = x / 4; // BREAK: float-entry
    return t;
}

int main(void) {
    struct small s = make_small(41);
    struct pair p = make_pair(1000);
    struct mixed m = make_mixed(77);
    struct big b = make_big(5000);
    struct hfa2 h2 = make_hfa2(1.25);
    struct hfa3 h3 = make_hfa3(0.5f);
    struct hfa4 h4 = make_hfa4(10.0f);
    float f = third(3.0f);
    int ok = s.a == 41 && s.c == 'q' && p.b == -2000 && m.d == 0.75 && m.l == 77 && b.c == 5002
            && h2.y == -1.25 && h3.z == 2.0f && h4.v[3] == 13.0f && f == 0.75f;
    return ok ? 0 : 1;
}
