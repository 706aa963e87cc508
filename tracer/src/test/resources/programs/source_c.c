/* Source-level fixture: recursion, structs, unions, bitfields, enums, arrays, floats, globals. */
#include <stdio.h>
#include <string.h>

enum color { RED, GREEN = 5, BLUE };

struct point {
    int x;
    int y;
};

struct flags {
    unsigned ready : 1;
    unsigned mode : 3;
    signed level : 4;
};

union number {
    int i;
    float f;
    unsigned char bytes[4];
};

int global_counter = 7;
static double global_ratio = 0.25;
const char *global_name = "hindsight";

int factorial(int n) {
    if (n <= 1) return 1; // BREAK: factorial_base
    return n * factorial(n - 1);
}

double average(const int *values, int count) {
    double sum = 0;
    for (int i = 0; i < count; i++) {
        sum += values[i];
    }
    return sum / count;
}

void move(struct point *p, int dx, int dy) {
    p->x += dx;
    p->y += dy; // BREAK: move
}

int main(void) {
    struct point origin = {1, 2};
    struct flags f = {1, 5, -3};
    union number num;
    num.i = 0x41424344;
    enum color c = GREEN;
    int grid[2][3] = {{1, 2, 3}, {4, 5, 6}};
    char word[8] = "abc";
    char letter = 'A';
    volatile int shaky = 42;
    float ratio = 1.5f;
    static int calls = 0;
    int fact = factorial(4); // BREAK: call_factorial
    double avg = average(grid[1], 3);
    move(&origin, 10, 20);
    calls++;
    global_counter += fact;
    printf("%d %f %d %d %s %c %d %f %d %d\n", fact, avg, origin.x, c, word, letter, shaky, ratio, f.mode, calls);
    return num.bytes[0] == 0x44 ? 0 : 1; // BREAK: end
}
