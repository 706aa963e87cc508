/**
 * {@code .debug_abbrev} and {@code .debug_info}: unit headers (DWARF 2-5, all v5 unit types), the DIE tree with
 * every attribute form decoded on demand against the unit's string/address/range-list bases, address ranges of
 * DIEs, and pc queries (which unit, subprogram, inlined call and lexical blocks contain an address), indexed by
 * {@code .debug_aranges} when present so that a unit's DIEs are parsed only when a pc inside it is asked about.
 */
package dev.hindsight.tracer.dwarf.info;
