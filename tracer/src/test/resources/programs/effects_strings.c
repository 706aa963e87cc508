/* String and memory functions as programs use them: glibc's memcpy/memset/strcpy variants
 * (vector stores, rep movsb/stosb for large sizes), malloc's bookkeeping, and stack buffers. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char global_buffer[8192];

int main(void) {
    char local[300];
    memset(local, 'x', sizeof local);
    memset(global_buffer, 0, sizeof global_buffer);
    char *heap = malloc(5000);
    memcpy(heap, local, sizeof local);
    memset(heap + 300, 'y', 4700);
    memmove(heap + 10, heap, 4000); // overlapping: copies backwards
    memcpy(global_buffer, heap, 5000);
    strcpy(local, "hello, effects");
    strcat(local, " and strings");
    size_t n = strlen(local);
    char *dup = strdup(local);
    for (int i = 0; i < 40; i++) local[i % (int) n] ^= (char) i;
    snprintf(global_buffer + 100, 200, "%s %zu %d", dup, n, global_buffer[5]);
    int sum = 0;
    for (size_t i = 0; i < 5000; i += 97) sum += heap[i];
    free(dup);
    free(heap);
    printf("%s %d\n", global_buffer + 100, sum);
    return 0;
}
