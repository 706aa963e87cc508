/**
 * Call-frame information: CIEs and FDEs from {@code .eh_frame} (augmentations z, R, P, L, S and all pointer
 * encodings) and {@code .debug_frame}, a pc-sorted FDE index, the DW_CFA_* interpreter producing the unwind row at
 * a pc, and a one-frame unwinder that falls back, for code without CFI, on gdb's prologue analysis (frameless until
 * {@code push %rbp; mov %rsp,%rbp} has run) and the frame-pointer chain.
 */
package dev.hindsight.tracer.dwarf.cfi;
