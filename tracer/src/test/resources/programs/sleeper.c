/* A process to attach to: it sleeps most of the time (in the kernel, under libc's usleep) and
   counts its wake-ups, so a test can see it has reached main's loop before attaching. */
#include <unistd.h>

volatile int ticks;

int main(void) {
    for (;;) {
        usleep(20000); // BREAK: sleep
        ticks++;       // BREAK: tick
    }
}
