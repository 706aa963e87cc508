/* The library of rebuilt.c. Its mmap changes the memory map, so the debugger reads it again at the
   next stop. Built with -DOTHER_BUILD it is "the new build": another function first and another
   line layout, so reading it in place of the running image gives other names and lines. */
#include <sys/mman.h>

#ifdef OTHER_BUILD
int rebuilt_padding(int x) {
    volatile int y = x;
    for (int i = 0; i < 10; i++) y += i * x;
    return y;
}
#endif

int rebuilt_work(int x) {
    volatile int doubled = x * 2; // BREAK: before
    void *p = mmap(0, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    doubled += p != MAP_FAILED ? 2 : 0; // BREAK: after
    munmap(p, 4096);
    return doubled;
}
