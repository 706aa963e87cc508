#include <dlfcn.h>
#include <stdio.h>

/* Breakpoints in libraries set before they load: libc and pending_lib.c (DT_NEEDED), and a
   plugin (argv[1]) opened with dlopen. */
int lib_twice(int v);

int main(int argc, char **argv) {
    puts("hello");
    int x = lib_twice(21); // BREAK: call lib
    if (argc < 2) return x == 42 ? 0 : 1;
    void *h = dlopen(argv[1], RTLD_NOW); // BREAK: dlopen
    int (*run)(int) = h ? (int (*)(int))dlsym(h, "plugin_run") : 0; // BREAK: after dlopen
    int y = run ? run(x) : -1;
    printf("plugin %d\n", y);
    return y == 43 ? 0 : 2;
}
