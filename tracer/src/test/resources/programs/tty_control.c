/* Says whether its terminal is its controlling terminal, as in a shell (gdb's 'tty DEV' makes it so). */
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

int main(void) {
    int tty = open("/dev/tty", O_RDWR);
    printf("/dev/tty %s, session leader %d, foreground %d\n", tty >= 0 ? "opens" : "fails", getsid(0) == getpid(),
           tcgetpgrp(0) == getpgrp());
    return 0;
}
