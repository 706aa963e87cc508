/**
 * libstdc++ types shown as their contents, like the library's gdb pretty printers:
 * {@code std::string}, {@code std::vector}, {@code std::map}, {@code std::set}, {@code std::list},
 * {@code std::unordered_map}/{@code set}, {@code std::unique_ptr} and {@code std::shared_ptr}, read by
 * their ABI layout so they
 * work even when clang emitted only declarations of them.
 */
package dev.hindsight.tracer.values.cxx;
