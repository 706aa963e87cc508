/* The second compilation unit of units_main.c's program. */
int helper(int x) {
    return x * 2; // BREAK: helper
}
