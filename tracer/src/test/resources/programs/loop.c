#include <stdio.h>

int ticks;

void tick(int i) {
    ticks += i; // BREAK: tick
}

int main(void) {
    for (int i = 0; i < 5; i++) tick(i);
    printf("ticks=%d\n", ticks);
    return 0;
}
