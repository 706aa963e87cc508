/* Built with -Wl,-z,lazy: the first call of each libc function goes through the PLT into ld.so's
 * _dl_runtime_resolve, which saves the vector state with xsavec (or xsave/fxsave) on the stack. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void) {
    char buf[64];
    int n = atoi("42");
    size_t len = strlen("lazy binding");
    void *p = calloc(4, 16);
    snprintf(buf, sizeof buf, "%d %zu", n, len);
    puts(buf);
    free(p);
    return 0;
}
