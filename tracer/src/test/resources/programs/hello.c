#include <stdio.h>

int add(int a, int b) {
    return a + b; // BREAK: add
}

int main(int argc, char **argv) {
    int total = 0;
    for (int i = 0; i < 3; i++) {
        total = add(total, i); // BREAK: loop
    }
    printf("hello %d\n", total);
    return total == 3 ? 0 : 1;
}
