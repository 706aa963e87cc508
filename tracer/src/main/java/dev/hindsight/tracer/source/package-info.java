/**
 * The source-level view of a loaded module, built on {@link dev.hindsight.tracer.dwarf}: which
 * file and line a pc belongs to, where a line or function breakpoint goes, and which function
 * contains a pc, named as gdb names it ({@code FunctionNames}), and the program's own functions
 * with their ranges and stack slots ({@code ProgramFunctions}, for listings). A module whose debug
 * information is damaged degrades to symbols only.
 */
package dev.hindsight.tracer.source;
