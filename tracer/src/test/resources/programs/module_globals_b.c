/* Second shared library of module_globals.c: a `same_name` of its own, found first from inside it. */
int same_name = 22;
double only_in_b = 2.5;
int b_report(void) {
    return same_name; // BREAK: in b
}
