#include <stdio.h>
#include <unistd.h>

volatile int ticks;

int main(void) {
    printf("ready\n");
    fflush(stdout);
    for (int i = 0; i < 600; i++) {
        usleep(100000); // BREAK: sleep
        ticks++; // BREAK: tick
    }
    return 0;
}
