/* Exit code comes from a macro so tests can see user flags (-DVALUE=7) reach the compiler. */
#ifndef VALUE
#define VALUE 3
#endif

int main(void) {
    return VALUE;
}
