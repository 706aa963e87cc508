#include <stdio.h>
#include <unistd.h>

volatile unsigned long spins;

int main(void) {
    printf("spinning\n");
    fflush(stdout);
    for (;;) {
        spins++; // BREAK: spin
    }
    return 0;
}
