#include <pthread.h>
#include <stdatomic.h>

/* main stops at its breakpoint while the worker spins in spin(): two stacks with different values. */
__thread int tls_counter = 5;
atomic_int ready, release;

int spin(int id) {
    static __thread int calls;
    int k = id * 7 + 1;
    calls += id;
    tls_counter = id * 100;
    atomic_store(&ready, 1);
    while (!atomic_load(&release)) {
    }
    return k + calls;
}

void *worker(void *arg) {
    return (void *) (long) spin((int) (long) arg);
}

int main(void) {
    pthread_t t;
    pthread_create(&t, 0, worker, (void *) 3L);
    while (!atomic_load(&ready)) {
    }
    int k = 42;
    tls_counter = k; // BREAK: main stops
    atomic_store(&release, 1);
    void *r;
    pthread_join(t, &r);
    return (int) (long) r == 0;
}
