/* Loads a library (argv[1]) with dlopen and calls into it, for a test that deletes or replaces the
   program or the library on disk while it runs (a rebuild during a debugging session): the
   backtraces and lines must stay those of the running image, read from the mapped file itself. */
#include <dlfcn.h>
#include <stdio.h>

int main(int argc, char **argv) {
    if (argc < 2) return 1;
    void *lib = dlopen(argv[1], RTLD_NOW); // BREAK: load
    if (!lib) return 2;
    int (*work)(int) = (int (*)(int)) dlsym(lib, "rebuilt_work");
    int r = work(20); // BREAK: call
    printf("%d\n", r);
    return r == 42 ? 0 : 3;
}
