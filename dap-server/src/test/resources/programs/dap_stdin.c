#include <stdio.h>
#include <string.h>

int main(void) {
    char line[256];
    int lines = 0;
    printf("reading\n");
    fflush(stdout);
    while (fgets(line, sizeof line, stdin)) { // BREAK: read
        line[strcspn(line, "\n")] = 0; // BREAK: got_line
        printf("got: %s\n", line);
        fflush(stdout);
        lines++;
    }
    printf("eof after %d lines\n", lines);
    return lines;
}
