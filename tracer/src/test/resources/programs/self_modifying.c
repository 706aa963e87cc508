/*
 * Code rewritten at a pc it already ran from: first nops, then a system call (getpid) in the same
 * bytes. Once in a page that is made writable and executable again through mprotect, once in a
 * page that is writable and executable throughout (a plain store rewrites it, as a JIT does).
 * A replay that remembered "not a system call" for that pc would step over the call unseen.
 */
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static const unsigned char NOPS[] = {0x90, 0x90, 0x90, 0x90, 0x90, 0x90, 0x90, 0xc3};      /* 7 nops; ret */
static const unsigned char GETPID[] = {0xb8, 39, 0, 0, 0, 0x0f, 0x05, 0xc3};              /* mov $39,%eax; syscall; ret */

static long run_many(unsigned char *code) {
    long (*f)(void) = (long (*)(void)) code;
    long r = 0;
    for (int i = 0; i < 200; i++) r += f(); /* well past the engine's 256 plain steps */
    return r;
}

int main(void) {
    long page = sysconf(_SC_PAGESIZE);
    unsigned char *ro = mmap(0, page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    memcpy(ro, NOPS, sizeof NOPS);
    mprotect(ro, page, PROT_READ | PROT_EXEC);
    run_many(ro);
    mprotect(ro, page, PROT_READ | PROT_WRITE);
    memcpy(ro, GETPID, sizeof GETPID);
    mprotect(ro, page, PROT_READ | PROT_EXEC);
    long a = ((long (*)(void)) ro)(); // BREAK: read_only_rewritten

    unsigned char *rwx = mmap(0, page, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    memcpy(rwx, NOPS, sizeof NOPS);
    run_many(rwx);
    memcpy(rwx, GETPID, sizeof GETPID);
    long b = ((long (*)(void)) rwx)(); // BREAK: writable_rewritten
    return a == b ? 0 : 1;
}
