#include <stdio.h>

int main(void) {
    int unused; // BREAK: warning
    printf("warned\n");
    return 0;
}
