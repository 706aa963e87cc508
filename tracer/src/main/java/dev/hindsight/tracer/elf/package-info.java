/**
 * ELF64 x86-64 reading: headers, sections (zlib-compressed debug sections inflated), symbols from
 * {@code .symtab} and {@code .dynsym} plus synthetic {@code name@plt} entries (and {@code .plt} for the
 * PLT's shared stub, as objdump labels it), and the load map of
 * a live process ({@code /proc/PID/maps}) that turns any runtime address into
 * {@code symbol+offset} (a file deleted or replaced on disk since it was mapped read from the
 * mapped inode, never from its path, which may hold another build); separate debug files found by build id or {@code .gnu_debuglink}; C++
 * symbol names demangled as gdb prints them.
 * Every malformed input becomes an {@link dev.hindsight.tracer.elf.ElfFormatException}.
 */
package dev.hindsight.tracer.elf;
