/**
 * Which ELF objects the program has loaded and the symbol lookups over them
 * ({@link dev.hindsight.tracer.symbols.ModuleTracker}): the module map is read from the backend
 * when first needed and again when a lookup misses (a library was loaded since), at most once per
 * stop and only when the backend's {@code memoryMapVersion()} says the map may have changed (the
 * ptrace backend counts what can change it: see {@code ptrace.MapVersion}). Reading ELF and DWARF is {@link dev.hindsight.tracer.elf}'s and
 * {@link dev.hindsight.tracer.dwarf}'s business; this package only keeps the map current. Front
 * ends ask through {@link dev.hindsight.tracer.symbols.ProgramSymbols} ({@code target.symbols()}).
 */
package dev.hindsight.tracer.symbols;
