#include <pthread.h>
#include <stdatomic.h>

/* Linked against tls_lib.c built as a shared library: main stops in it while a worker spins in it. */
extern atomic_int lib_ready, lib_release;
int lib_wait(int v);
int lib_touch(int v);

void *worker(void *arg) {
    return (void *) (long) lib_wait((int) (long) arg);
}

int main(void) {
    pthread_t t;
    pthread_create(&t, 0, worker, (void *) 300L);
    while (!atomic_load(&lib_ready)) {
    }
    int r = lib_touch(11);
    atomic_store(&lib_release, 1);
    pthread_join(t, 0);
    return r == 0;
}
