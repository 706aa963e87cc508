/* Record fixture: a program that maps over the system-call buffer's fixed address (MAP_FIXED). */
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

int main(void) {
    write(1, "before\n", 7);
    char *p = mmap((void *) 0x700000100000UL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    if (p == MAP_FAILED) return 1;
    strcpy(p, "mine\n");
    write(1, p, 5);
    return 0;
}
