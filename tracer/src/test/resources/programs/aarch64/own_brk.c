/* The AArch64 test of a program's own breakpoint instructions (dev.hindsight.tracer.aarch64.OwnBreakInstructionTest):
 * two BRKs back to back, which leave the pc on themselves when they trap (unlike x86's int3), then
 * an exit code (5 + 2 = 7) that shows the program ran on past both. */
int main(void) {
    volatile int before = 5;
    __asm__ volatile("brk #0x3e8"); // BREAK: first-brk
    __asm__ volatile("brk #0x3e9"); // BREAK: second-brk
    return before + 2;
}
