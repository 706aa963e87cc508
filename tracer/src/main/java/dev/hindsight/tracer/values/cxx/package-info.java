/**
 * libstdc++ types shown as their contents, like the library's gdb pretty printers:
 * {@code std::string}, {@code std::vector} and {@code std::map}, read by their ABI layout so they
 * work even when clang emitted only declarations of them.
 */
package dev.hindsight.tracer.values.cxx;
