#include <pthread.h>

#define N 4
volatile unsigned long spins[N];
volatile int started;

void *spin(void *arg) {
    int id = (int) (long) arg;
    __atomic_add_fetch(&started, 1, __ATOMIC_SEQ_CST);
    for (;;) spins[id]++;
    return NULL;
}

int main(void) {
    pthread_t t[N];
    for (long i = 0; i < N; i++) pthread_create(&t[i], NULL, spin, (void *) i);
    for (int i = 0; i < N; i++) pthread_join(t[i], NULL);
    return 0;
}
