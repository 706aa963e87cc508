/* Never ends by itself: pause and kill must work on it. */
volatile unsigned long counter;

int main(void) {
    for (;;) counter++; // BREAK: spin
}
