/**
 * Call-frame information: CIEs and FDEs from {@code .eh_frame} (augmentations z, R, P, L, S and all pointer
 * encodings) and {@code .debug_frame}, a pc-sorted FDE index, the DW_CFA_* interpreter producing the unwind row at
 * a pc, and a one-frame unwinder with a frame-pointer fallback.
 */
package dev.hindsight.tracer.dwarf.cfi;
