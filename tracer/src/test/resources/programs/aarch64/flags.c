/* The AArch64 register-list test's program (dev.hindsight.tracer.aarch64.RegisterListTest): a compare
 * of equal values sets cpsr's Z and C (no borrow) and clears N and V; 1 compared with 2 then sets N
 * alone (a negative difference, with a borrow). */
int main(void) {
    __asm__ volatile("mov x9, #1\n\tcmp x9, #1" ::: "x9", "cc");
    __asm__ volatile("nop"); // BREAK: flags-equal
    __asm__ volatile("mov x9, #1\n\tcmp x9, #2" ::: "x9", "cc");
    __asm__ volatile("nop"); // BREAK: flags-less
    return 3;
}
