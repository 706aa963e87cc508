/* Runs on for ever while a debugger reads and writes its globals: `fixed` changes only when the
   debugger writes it, `counter` all the time. `lib_level` lives in running_memory_lib.c, a shared
   library. */
volatile unsigned long counter;
int fixed = 1234;
struct pair { int a; char tag[4]; } pair = { 7, "hi" };
extern int lib_level;

int main(void) {
    counter = lib_level - 2; // BREAK: start
    for (;;) counter++; // BREAK: spin
}
