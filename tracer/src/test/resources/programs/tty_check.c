/* Says whether its standard streams are a terminal, on stdout and on stderr (--tty, -inferior-tty-set). */
#include <stdio.h>
#include <unistd.h>

int main(void) {
    printf("tty %d %d %d\n", isatty(0), isatty(1), isatty(2)); // BREAK: print
    fflush(stdout);
    fprintf(stderr, "to stderr\n");
    return 0;
}
