#include <stdio.h>
#include <unistd.h>

extern char **environ;

int main(int argc, char **argv) {
    char cwd[4096];
    for (int i = 1; i < argc; i++) printf("arg=%s\n", argv[i]);
    for (char **e = environ; *e; e++) printf("env=%s\n", *e);
    if (getcwd(cwd, sizeof cwd)) printf("cwd=%s\n", cwd);
    return 0;
}
