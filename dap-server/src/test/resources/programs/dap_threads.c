#include <pthread.h>
#include <stdio.h>

#define N 3
int results[N];

void *worker(void *arg) {
    int id = (int) (long) arg;
    results[id] = id * id; // BREAK: worker
    return NULL;
}

int main(void) {
    pthread_t t[N];
    for (long i = 0; i < N; i++) pthread_create(&t[i], NULL, worker, (void *) i);
    for (int i = 0; i < N; i++) pthread_join(t[i], NULL);
    int sum = 0;
    for (int i = 0; i < N; i++) sum += results[i];
    printf("sum=%d\n", sum);
    return sum; // BREAK: joined
}
