#include <stdio.h>

int helper(int x);

int main(void) {
    printf("helper=%d\n", helper(20)); // BREAK: call_helper
    return 0;
}
