#include <stdatomic.h>

/* Thread-local variables of a shared library, found through each thread's DTV. */
__thread int lib_tls = 9;
__thread char lib_name[8] = "lib";
atomic_int lib_ready, lib_release;

int lib_wait(int v) {
    static __thread int lib_calls;
    lib_calls += v;
    lib_tls = v;
    lib_name[0] = 'W';
    atomic_store(&lib_ready, 1);
    while (!atomic_load(&lib_release)) {
    }
    return lib_calls;
}

int lib_touch(int v) {
    static __thread int lib_calls;
    lib_calls += v;
    lib_tls = v;
    return lib_tls + lib_calls; // BREAK: lib touched
}
