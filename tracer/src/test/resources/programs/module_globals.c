#include <dlfcn.h>
#include <stdio.h>

/* Globals that live in other modules, printed while stopped in main (gdb searches every objfile):
   module_globals_a.c and module_globals_b.c (DT_NEEDED, a before b) both define `same_name`, each
   has a global of its own, a plugin (argv[1], module_globals_plugin.c) is opened with dlopen, and
   libc has `environ` and `stdout`. None of them is declared here, so main's unit does not know them. */
int b_report(void);

int main(int argc, char **argv) {
    void *h = argc > 1 ? dlopen(argv[1], RTLD_NOW) : 0;
    int seen = b_report(); // BREAK: opened
    printf("%d %d\n", seen, h != 0);
    return 0;
}
