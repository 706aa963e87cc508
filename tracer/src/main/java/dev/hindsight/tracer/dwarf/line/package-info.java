/**
 * {@code .debug_line} (versions 2-5): program headers with v5 directory/file entry formats, the line-number state
 * machine producing rows per sequence, file names resolved to absolute paths (spelled as gdb spells them when the
 * compilation directory is relative, as in Debian's libc), and the two queries a debugger needs: address to source
 * position (the row gdb would choose) and source line to breakpoint addresses.
 */
package dev.hindsight.tracer.dwarf.line;
