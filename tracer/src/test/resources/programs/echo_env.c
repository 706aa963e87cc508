/* Prints argv, the environment and the working directory, to check launches are exact. */
#include <stdio.h>
#include <unistd.h>
extern char **environ;

int main(int argc, char **argv) {
    char cwd[4096];
    for (int i = 0; i < argc; i++) printf("arg:%s\n", argv[i]);
    for (char **e = environ; *e; e++) printf("env:%s\n", *e);
    printf("cwd:%s\n", getcwd(cwd, sizeof cwd));
    int c;
    while ((c = getchar()) != EOF) putchar(c == '\n' ? '\n' : c + 1);
    return 0;
}
