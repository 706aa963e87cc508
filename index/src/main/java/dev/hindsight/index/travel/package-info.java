/**
 * A built recording opened for debugging in both directions: {@link
 * dev.hindsight.index.travel.OpenedRecording#open} gives a {@code Target} whose backend is
 * {@link dev.hindsight.index.travel.IndexedBackend}, a {@code Backend} and a {@code History} answered
 * entirely from the index (no process runs): registers and memory at the current time, the next
 * or previous time a planted breakpoint's instruction runs or a watched range is written, read or
 * accessed
 * ({@link dev.hindsight.index.travel.HistoryQueries}, over the index's directory-based searches),
 * the call that began an activation, and the memory map at a time
 * ({@link dev.hindsight.index.travel.RecordedMaps}: the recorded map plus the files mapped before
 * it, named by the trace's own copies, so symbols and DWARF come from the recording). The reverse
 * stepping itself is the engine's ({@code dev.hindsight.tracer.travel}), written against
 * {@code History} alone.
 */
package dev.hindsight.index.travel;
