/**
 * DWARF parse layer: the raw section bundle ({@link dev.hindsight.tracer.dwarf.DwarfSections}), a bounds-checked
 * cursor over section bytes, and the single exception type every malformed input is reported as. Subpackages hold
 * the debug-info tree, line tables, location expressions, call-frame information and the type model. Pure Java.
 */
package dev.hindsight.tracer.dwarf;
