// Value-origin fixture (index origin tests): each value's history is known by hand.
#include <stdio.h>
#include <string.h>
#include <unistd.h>

struct point { int x; int y; };

static void set_y(struct point *p, int v) {
    p->y = v; // BREAK: origin_store_field
}

static int twice(int v) {
    return v * 2; // BREAK: origin_twice
}

static int plus(int a, int b) {
    return a + b; // BREAK: origin_plus
}

int main(void) {
    int a = 42; // BREAK: origin_a
    int b = a; // BREAK: origin_b
    int c = b; // BREAK: origin_c
    struct point pt = {1, 2};
    set_y(&pt, 7); // BREAK: origin_call_set
    char head[4], buf[16];
    if (read(0, head, sizeof head) != 4) return 1; // BREAK: origin_read_head
    long n = read(0, buf, sizeof buf); // BREAK: origin_read
    char got = buf[2]; // BREAK: origin_got
    long sum = plus(twice(c), (int) n); // BREAK: origin_sum
    char word[8] = "abc";
    long len = (long) strlen(word); // BREAK: origin_strlen
    printf("%d %d %c %ld %ld\n", c, pt.y, got, sum, len); // BREAK: origin_use
    return 0;
}
