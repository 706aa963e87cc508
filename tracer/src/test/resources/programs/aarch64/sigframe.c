/* The AArch64 signal-frame test's program (dev.hindsight.tracer.aarch64.SignalFrameTest): `interrupted`
 * sends itself SIGUSR1 with a raw kill system call, so the signal arrives on the return from that
 * `svc` and the interrupted pc is the label after it; the handler runs with its return address at the
 * vDSO's __kernel_rt_sigreturn, and a backtrace from it goes through the kernel's signal frame back
 * into `interrupted` and `main`. */
#include <signal.h>
#include <unistd.h>

static volatile int hits;

static void on_signal(int sig) {
    hits += sig; // BREAK: in-handler
}

static int interrupted(int n) {
    int local = n * 3;
    register long x0 __asm__("x0") = getpid();
    register long x1 __asm__("x1") = SIGUSR1;
    register long x8 __asm__("x8") = 129; /* kill */
    __asm__ volatile("svc #0\n\t.globl after_kill\nafter_kill:" : "+r"(x0) : "r"(x1), "r"(x8) : "memory"); // BREAK: kill
    return local + hits;
}

int main(void) {
    signal(SIGUSR1, on_signal);
    return interrupted(411) - 1233 - SIGUSR1; // BREAK: call
}
