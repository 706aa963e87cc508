#include <stdio.h>
#include <string.h>

enum color { RED, GREEN = 5, BLUE };

struct flags {
    unsigned int ready : 1;
    unsigned int mode : 3;
    int level : 5;
    char tag;
};

union number {
    int i;
    float f;
    unsigned char bytes[4];
};

struct point {
    int x;
    int y;
};

typedef int (*binary_op)(int, int);
typedef struct point point_t;

int global_counter = 7;
static double file_static = 2.5;
int grid[3][4];
const char *greeting = "hi";

static int multiply(int a, int b) {
    return a * b;
}

int apply(binary_op op, int a, int b) {
    static int calls = 0;
    calls++;
    return op(a, b); // BREAK: apply
}

int main(int argc, char **argv) {
    // BREAK: nocode
    volatile int spin = 3;
    struct flags f = {1, 5, -3, 'x'};
    union number n;
    n.i = 0x3f800000;
    point_t p = {1, 2};
    enum color c = GREEN;
    for (int i = 0; i < 3; i++) {
        for (int j = 0; j < 4; j++) {
            grid[i][j] = i * j;
        }
    }
    {
        int inner = p.x + p.y;
        spin += inner; // BREAK: inner
    }
    int r = apply(multiply, spin, (int) c);
    printf("%d %d %f %d %s %d\n", r, f.level, n.f, global_counter, greeting, (int) file_static);
    return argc > 5 ? (int) strlen(argv[0]) : 0;
}
