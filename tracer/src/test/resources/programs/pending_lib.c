/* A DT_NEEDED library of pending.c: its lines are not loaded when the program starts. */
int lib_twice(int v) {
    int r = v * 2; // BREAK: lib body
    return r;
}
