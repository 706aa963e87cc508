#include <stdio.h>

int counter;
long watched;

struct point {
    int x;
    int y;
}; // BREAK: struct_end

static int square(int x) {
    int result = x * x; // BREAK: square_body
    return result; // BREAK: square_return
}

int main(int argc, char **argv) {
    int total = 0; // BREAK: main_start
    struct point p = {3, 4};
    int numbers[40]; // BREAK: declaration
    for (int i = 0; i < 40; i++) numbers[i] = i * 2;
    for (int i = 0; i < 5; i++) { // BREAK: loop_head
        total += square(i); // BREAK: loop_call
        counter++; // BREAK: loop_counter
        watched += i; // BREAK: loop_watched
    } // BREAK: loop_end
    printf("total=%d p=%d,%d n=%d\n", total, p.x, p.y, numbers[39]); // BREAK: print
    fflush(stdout);
    fprintf(stderr, "to stderr\n");
    return 3; // BREAK: ret
}
