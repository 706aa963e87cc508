/**
 * What a frame sees: its lexical blocks (innermost first), parameters, the unit's globals and
 * function statics, module-wide definitions, then the other modules' in gdb's objfile order
 * ({@code LoadOrder}: the executable, then ld.so's list), and where each variable's value is at the frame's pc
 * (DWARF locations, location lists, frame base, CFA; entry values are never guessed), including
 * the frame's thread's copy of thread-local variables.
 */
package dev.hindsight.tracer.values.scope;
