package dev.hindsight.tracer.dwarf.cfi;

/**
 * A CIE: what its FDEs share. {@code fdeEncoding}/{@code lsdaEncoding} are DW_EH_PE_* pointer encodings;
 * {@code signalFrame} marks signal trampolines (augmentation 'S'), whose pc must not be adjusted back by one.
 */
public record CommonInformationEntry(long offset, int version, String augmentation, long codeAlignment,
                                     long dataAlignment, int returnAddressRegister, int fdeEncoding,
                                     int lsdaEncoding, boolean hasAugmentationData, boolean signalFrame,
                                     int addressSize, byte[] initialInstructions) {}
