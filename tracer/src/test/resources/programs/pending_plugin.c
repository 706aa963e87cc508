/* Loaded by pending.c with dlopen, long after start-up. */
int plugin_run(int v) {
    int r = v + 1; // BREAK: plugin body
    return r;
}
