/* A shared library of running_memory.c: its globals are read while the program runs. */
int lib_level = 3;
struct lib_pair { int a; short b; } lib_pair = { 5, -6 };
