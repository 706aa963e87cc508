/* A program in a terminal: says what its terminal is, prints a line (line-buffered on a terminal,
 * so it arrives at once), then echoes the lines it reads until end of input. */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

int main(void) {
    struct winsize ws = {0};
    ioctl(1, TIOCGWINSZ, &ws);
    int tty = open("/dev/tty", O_RDWR);
    int leader = getsid(0) == getpid();
    int foreground = tcgetpgrp(0) == getpgrp();
    printf("isatty %d %d %d, /dev/tty %s, session leader %d, foreground %d, %dx%d\n", isatty(0), isatty(1), isatty(2),
           tty >= 0 ? "opens" : "fails", leader, foreground, ws.ws_row, ws.ws_col);
    puts("before the breakpoint");
    fprintf(stderr, "to stderr\n"); // BREAK: printed
    char line[256];
    while (fgets(line, sizeof line, stdin)) {
        line[strcspn(line, "\n")] = 0;
        printf("read [%s]\n", line);
    }
    puts("end of input");
    return 0;
}
