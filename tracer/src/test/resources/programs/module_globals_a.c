/* First shared library of module_globals.c: its `same_name` is the one gdb finds from main. */
int same_name = 11;
long only_in_a = -7;
struct a_pair { int x; short y; } a_pair = { 3, 4 };
