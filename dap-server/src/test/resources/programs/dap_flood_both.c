/* Floods stdout and stderr (3 MB in all): the adapter's program output limit. */
#include <stdio.h>

int main(void) {
    for (int i = 0; i < 40000; i++) {
        printf("stdout line %05d of the flood, long enough to fill megabytes quickly......\n", i);
        if (i % 4 == 0) fprintf(stderr, "stderr line %05d\n", i);
    }
    return 7;
}
