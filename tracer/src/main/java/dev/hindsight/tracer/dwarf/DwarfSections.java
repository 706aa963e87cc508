package dev.hindsight.tracer.dwarf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;
import java.util.Optional;

/**
 * The debug sections of one object file, already decompressed, keyed by ELF section name
 * ({@code .debug_info}, {@code .eh_frame}, ...). The {@code .eh_frame} load address is needed because its pointer
 * encodings may be relative to the section's own address.
 */
public final class DwarfSections {
    public static final String INFO = ".debug_info";
    public static final String ABBREV = ".debug_abbrev";
    public static final String LINE = ".debug_line";
    public static final String STR = ".debug_str";
    public static final String LINE_STR = ".debug_line_str";
    public static final String STR_OFFSETS = ".debug_str_offsets";
    public static final String ADDR = ".debug_addr";
    public static final String RANGES = ".debug_ranges";
    public static final String RNGLISTS = ".debug_rnglists";
    public static final String LOC = ".debug_loc";
    public static final String LOCLISTS = ".debug_loclists";
    public static final String FRAME = ".debug_frame";
    public static final String EH_FRAME = ".eh_frame";
    public static final String EH_FRAME_HDR = ".eh_frame_hdr";
    public static final String ARANGES = ".debug_aranges";

    private final Map<String, ByteBuffer> sections;
    private final long ehFrameAddress;

    public DwarfSections(Map<String, ByteBuffer> sections, long ehFrameAddress) {
        this.sections = Map.copyOf(sections);
        this.ehFrameAddress = ehFrameAddress;
    }

    /** A fresh little-endian view of the section so readers never disturb each other's positions. */
    public Optional<ByteBuffer> section(String name) {
        ByteBuffer b = sections.get(name);
        return b == null ? Optional.empty() : Optional.of(b.duplicate().clear().slice().order(ByteOrder.LITTLE_ENDIAN));
    }

    /** The section as a cursor, or an empty cursor when the object has no such section. */
    public DwarfCursor cursor(String name) {
        return new DwarfCursor(section(name).orElse(ByteBuffer.allocate(0)), name);
    }

    public boolean has(String name) {
        return sections.containsKey(name);
    }

    /** Virtual address at which {@code .eh_frame} is loaded; base of its pc-relative pointers. */
    public long ehFrameAddress() {
        return ehFrameAddress;
    }
}
