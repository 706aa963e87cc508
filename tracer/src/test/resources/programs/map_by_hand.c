/* Maps a shared library (argv[1]) with mmap and unmaps it again, each a line of its own and no
   dlopen (no loader breakpoint tells the debugger): only the system calls change the memory map.
   The module list must follow them at every stop, stepped one instruction at a time or run to. */
#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

int main(int argc, char **argv) {
    if (argc < 2) return 1;
    int fd = open(argv[1], O_RDONLY); // BREAK: open
    void *p = mmap(0, 4096, PROT_READ, MAP_PRIVATE, fd, 0); // BREAK: map
    volatile int seen = p != MAP_FAILED; // BREAK: mapped
    munmap(p, 4096); // BREAK: unmap
    seen++; // BREAK: unmapped
    close(fd);
    return seen == 2 ? 0 : 2;
}
