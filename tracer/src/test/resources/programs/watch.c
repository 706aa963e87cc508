#include <stdio.h>

long counter;
int other;

void bump(int i) {
    counter += i; // BREAK: write
}

int main(void) {
    for (int i = 1; i <= 3; i++) {
        other = i;
        bump(i);
    }
    long seen = counter; // BREAK: read
    printf("%ld\n", seen);
    return 0;
}
