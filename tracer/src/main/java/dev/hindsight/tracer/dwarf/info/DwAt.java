package dev.hindsight.tracer.dwarf.info;

/** DW_AT_* codes used by the debugger; other attributes are kept undecoded by name. */
public final class DwAt {
    public static final int SIBLING = 0x01, LOCATION = 0x02, NAME = 0x03, BYTE_SIZE = 0x0b, STMT_LIST = 0x10,
            LOW_PC = 0x11, HIGH_PC = 0x12, LANGUAGE = 0x13, COMP_DIR = 0x1b, CONST_VALUE = 0x1c, INLINE = 0x20,
            PRODUCER = 0x25, PROTOTYPED = 0x27, LOWER_BOUND = 0x22, UPPER_BOUND = 0x2f, BIT_OFFSET = 0x0c,
            BIT_SIZE = 0x0d, ABSTRACT_ORIGIN = 0x31, ACCESSIBILITY = 0x32, COUNT = 0x37, DATA_MEMBER_LOCATION = 0x38,
            DECL_FILE = 0x3a, DECL_LINE = 0x3b, DECLARATION = 0x3c, ENCODING = 0x3e, EXTERNAL = 0x3f,
            FRAME_BASE = 0x40, SPECIFICATION = 0x47, TYPE = 0x49, RANGES = 0x55, DATA_BIT_OFFSET = 0x6b,
            CALL_FILE = 0x58, CALL_LINE = 0x59, CALL_COLUMN = 0x57, LINKAGE_NAME = 0x6e, MIPS_LINKAGE_NAME = 0x2007,
            ENTRY_PC = 0x52, ENUM_CLASS = 0x6d, STR_OFFSETS_BASE = 0x72, ADDR_BASE = 0x73, RNGLISTS_BASE = 0x74,
            DWO_NAME = 0x76, LOCLISTS_BASE = 0x8c, GNU_ADDR_BASE = 0x2133, GNU_RANGES_BASE = 0x2132,
            GNU_DWO_NAME = 0x2130, DATA_LOCATION = 0x50, ARTIFICIAL = 0x34, BYTE_STRIDE = 0x51;

    private DwAt() {}
}
