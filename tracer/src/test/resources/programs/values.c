/* Values fixture: every kind of C value the source view shows, checked against gdb at the markers. */
#include <stdio.h>
#include <string.h>

enum color { RED, GREEN = 5, BLUE };
enum bits { B_ONE = 1, B_TWO = 2, B_FOUR = 4 };

struct point {
    int x;
    int y;
};

struct flags {
    unsigned ready : 1;
    unsigned mode : 3;
    signed level : 5;
    char tag;
};

union number {
    int i;
    float f;
    unsigned char bytes[4];
};

struct shape {
    const char *name;
    struct point corners[2];
    union number weight;
    enum color color;
    struct flags flags;
    struct shape *next;
};

struct wide_bits {
    int a;
    int : 4;
    int b : 4;
    unsigned long long big : 40;
    _Bool flag : 1;
    enum color tint : 4;
    enum sign { NEG = -1, POS = 1 } sign : 2;
};

struct tagged {
    int kind;
    union {
        int i;
        float f;
    };
    struct {
        short lo, hi;
    } range;
};

typedef int (*binary_op)(int, int);
typedef struct point point_t;
typedef unsigned long counter_t;

int global_counter = 7;
static double file_ratio = 2.5;
const char *greeting = "hello";
char banner[16] = "abc";
int table[12] = {1, 2, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, };
struct point origin = {-1, 1};
binary_op global_op;

static int square(int x) {
    return x * x;
}

static int add(int a, int b) {
    return a + b;
}

int apply(binary_op op, int a, int b) {
    static int calls = 0;
    calls++;
    int result = op(a, b); // BREAK: apply
    return result;
}

double mix(float f, double d, long double ld, char c, unsigned char uc, short s, unsigned short us, long l,
           unsigned long long ull, _Bool flag) {
    double sum = f + d + (double) ld + c + uc + s + us + l + (double) ull + flag;
    return sum; // BREAK: mix
}

int fill(int n, char **names) {
    int big[300];
    char longtext[260];
    struct point pts[12];
    binary_op ops[2] = {add, 0};
    struct tagged tg = {1, {.i = 7}, {-1, 1}};
    struct wide_bits wb = {1, -2, 0xffffffffffULL, 1, BLUE, NEG};
    for (int k = 0; k < 300; k++) big[k] = k < 250 ? k : 5;
    for (int k = 0; k < 259; k++) longtext[k] = (char) ('a' + k % 26);
    longtext[259] = 0;
    for (int k = 0; k < 12; k++) pts[k] = (struct point) {1, 1};
    return big[n] + longtext[n] + pts[n].x + ops[0](n, n) + tg.i + (names[0] != 0) + wb.b + wb.sign; // BREAK: fill
}

int walk(struct shape *s, int depth) {
    if (depth == 0) return s->corners[0].x; // BREAK: walk
    return walk(s, depth - 1) + 1;
}

int main(int argc, char **argv) {
    volatile int spin = 3;
    struct point p = {1, 2};
    point_t q = {3, -4};
    struct flags fl = {1, 5, -3, 'x'};
    union number num;
    num.i = 0x41424344;
    enum color c = GREEN;
    enum color odd = (enum color) 7;
    enum bits both = B_ONE | B_FOUR;
    enum bits strange = (enum bits) (B_TWO | 8);
    int grid[2][3] = {{1, 2, 3}, {4, 5, 6}};
    int zeros[20] = {0};
    char word[8] = "abc";
    char full[4] = {'w', 'x', 'y', 'z'};
    char letter = 'A';
    signed char small = -5;
    unsigned char byte = 200;
    char newline = '\n';
    float ratio = 1.5f;
    double pi = 3.14;
    double third = 1.0 / 3.0;
    long double big = 1.0L / 3.0L;
    _Bool yes = 1;
    counter_t count = 42;
    long neg = -1234567890123L;
    unsigned long long huge = 18446744073709551615ULL;
    short sh = -300;
    int *ip = &grid[1][0];
    int *nothing = 0;
    const char *text = "hindsight";
    void *opaque = &p;
    binary_op op = add;
    int (*sq)(int) = square;
    struct point *pp = &p;
    struct shape tri = {"tri", {{0, 0}, {3, 4}}, {0}, BLUE, {0, 2, 7, 'q'}, 0};
    struct shape *sp = &tri;
    tri.weight.f = 0.5f;
    int total = 0;
    for (int i = 0; i < 2; i++) {
        int total = i * 10; // shadows the outer total
        grid[i][0] += total; // BREAK: shadow
    }
    total = apply(op, spin, grid[0][1]); // BREAK: main
    total += apply(add, 1, 2);
    total += (int) mix(ratio, pi, big, letter, byte, sh, 7, neg, huge, yes);
    total += walk(sp, 2);
    total += sq(3);
    total += fill(argc, argv);
    printf("%d %d %d %s %s %d %d %d %s %s %d %p\n", total, fl.level, num.i, word, text, c, odd, both, full,
           banner, global_counter, (void *) nothing);
    printf("%d %d %f %d %d %d %d %lu %u\n", q.x, zeros[0], third, strange, small, newline, pp->x, count,
           (unsigned) file_ratio);
    return total == 0 ? 1 : 0; // BREAK: end
}
