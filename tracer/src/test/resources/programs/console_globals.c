/* Globals for the MI console's commands before the program runs, read by gdb from the ELF file:
   initialized .data, zeroed .bss, a function's link address; and a libc call (puts) whose
   function gdb knows by glibc's own names once the library is loaded. */
#include <stdio.h>

int counter;                 /* .bss: 0 before the run */
int limit = 42;              /* .data */
double ratio = 1.5;
char greeting[] = "hi there";
static short table[3] = {1, -2, 3};
struct point { int x, y; } origin = {3, 4};

int twice(int x) {
    return 2 * x; // BREAK: twice
}

int main(void) {
    counter = twice(limit + table[1]); // BREAK: main
    puts(greeting);
    return counter == 80 ? 0 : 1;
}
