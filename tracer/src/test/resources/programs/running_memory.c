/* Runs on for ever while a debugger reads and writes its globals: `fixed` changes only when the
   debugger writes it, `counter` all the time. */
volatile unsigned long counter;
int fixed = 1234;
struct pair { int a; char tag[4]; } pair = { 7, "hi" };

int main(void) {
    counter = 1; // BREAK: start
    for (;;) counter++; // BREAK: spin
}
