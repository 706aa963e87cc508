/* Opened by module_globals.c with dlopen: a global known only once it is loaded. */
unsigned plugin_global = 0xbeef;
const char *plugin_name = "plugin";
