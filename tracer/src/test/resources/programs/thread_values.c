#include <pthread.h>
#include <stdatomic.h>

#ifdef __cplusplus /* built as C++ too (clang -x c++) */
#define THREAD_LOCAL thread_local
#else
#define THREAD_LOCAL __thread
#endif

/* Two threads stop with different locals and different thread-local values: the worker spins in
   spin() while main stops at its breakpoint. */
THREAD_LOCAL int tls_counter = 5;
THREAD_LOCAL double tls_scale;
THREAD_LOCAL char tls_aligned[3] __attribute__((aligned(64))) = "xy"; /* the block's alignment: 64 */
THREAD_LOCAL struct { int a; char tag[4]; } tls_pair = {7, "ab"};
atomic_int ready, release;
volatile float sink;

__attribute__((noinline)) int spin(int id, float scale) {
    static THREAD_LOCAL int calls;
    float f = scale * id + 0.25f;
    int k = id * 7 + 1;
    calls += id;
    tls_counter = id * 100;
    tls_scale = scale * 2;
    tls_pair.a = id;
    tls_aligned[0] = (char) ('a' + id);
    atomic_store(&ready, 1);
    while (!atomic_load_explicit(&release, memory_order_acquire)) {
        __asm__ volatile("" : "+x"(f), "+r"(k)); /* SPIN: f and k stay in registers */
    }
    sink = f;
    return k + calls;
}

void *worker(void *arg) {
    int id = (int) (long) arg;
    int got = spin(id, 1.5f);
    return (void *) (long) got;
}

int main(void) {
    pthread_t t;
    pthread_create(&t, 0, worker, (void *) 3L);
    while (!atomic_load(&ready)) {
    }
    tls_counter = 11;
    tls_scale = 0.5;
    int local = 42;
    float mine = 2.5f;
    sink = mine + local; // BREAK: main stops
    atomic_store(&release, 1);
    void *r;
    pthread_join(t, &r);
    return (int) (long) r == 0;
}
