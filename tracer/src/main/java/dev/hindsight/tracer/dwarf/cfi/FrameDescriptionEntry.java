package dev.hindsight.tracer.dwarf.cfi;

/** An FDE: the CFA program for code in [pcBegin, pcEnd). */
public record FrameDescriptionEntry(long offset, CommonInformationEntry cie, long pcBegin, long pcEnd,
                                    byte[] instructions) {
    public boolean contains(long pc) {
        return Long.compareUnsigned(pc, pcBegin) >= 0 && Long.compareUnsigned(pc, pcEnd) < 0;
    }
}
