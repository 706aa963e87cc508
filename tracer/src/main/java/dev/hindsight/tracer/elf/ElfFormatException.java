package dev.hindsight.tracer.elf;

/** The file is not an ELF64 x86-64 object we can read, or is damaged; the message says where. */
public final class ElfFormatException extends RuntimeException {
    public ElfFormatException(String message) {
        super(message);
    }

    public ElfFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
