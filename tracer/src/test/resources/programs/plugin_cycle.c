/* Opens a plugin (argv[1], e.g. pending_plugin.c built as a shared library), calls it and closes
   it again: a library that is loaded and unloaded while the program runs. */
#include <dlfcn.h>
#include <stdio.h>

int main(int argc, char **argv) {
    if (argc < 2) return 1;
    puts("start"); // BREAK: before
    void *h = dlopen(argv[1], RTLD_NOW);
    int (*run)(int) = h ? (int (*)(int))dlsym(h, "plugin_run") : 0;
    int y = run ? run(1) : -1; // BREAK: loaded
    if (h) dlclose(h);
    return y == 2 ? 0 : 2; // BREAK: unloaded
}
