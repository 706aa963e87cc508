/* Asks for a name the way learners' programs do, with a prompt that ends without a newline, reads
 * it, then waits for the end of input (^D on a terminal). On a terminal stdout is line-buffered and
 * reading stdin flushes it, so the prompt shows before the program waits; on a pipe stdio holds it
 * until the program ends. */
#include <stdio.h>
#include <unistd.h>

int main(void) {
    char name[32] = "";
    int terminal = isatty(0);
    printf("name? "); // BREAK: prompt
    if (scanf("%31s", name) != 1) return 1;
    printf("hello %s (terminal %d)\n", name, terminal); // BREAK: greet
    while (getchar() != EOF) {
    }
    puts("bye");
    return 0;
}
