package dev.hindsight.tracer.dwarf.info;

/** DW_TAG_* codes used by the debugger; any other tag is kept as a number and otherwise ignored. */
public final class DwTag {
    public static final int ARRAY_TYPE = 0x01, CLASS_TYPE = 0x02, ENTRY_POINT = 0x03, ENUMERATION_TYPE = 0x04,
            FORMAL_PARAMETER = 0x05, LABEL = 0x0a, LEXICAL_BLOCK = 0x0b, MEMBER = 0x0d, POINTER_TYPE = 0x0f,
            REFERENCE_TYPE = 0x10, COMPILE_UNIT = 0x11, STRUCTURE_TYPE = 0x13, SUBROUTINE_TYPE = 0x15, TYPEDEF = 0x16,
            UNION_TYPE = 0x17, UNSPECIFIED_PARAMETERS = 0x18, VARIANT = 0x19, INHERITANCE = 0x1c,
            INLINED_SUBROUTINE = 0x1d, PTR_TO_MEMBER_TYPE = 0x1f, SUBRANGE_TYPE = 0x21, BASE_TYPE = 0x24,
            CONST_TYPE = 0x26, ENUMERATOR = 0x28, SUBPROGRAM = 0x2e, TEMPLATE_TYPE_PARAMETER = 0x2f,
            TEMPLATE_VALUE_PARAMETER = 0x30, VARIABLE = 0x34, VOLATILE_TYPE = 0x35, RESTRICT_TYPE = 0x37,
            NAMESPACE = 0x39, UNSPECIFIED_TYPE = 0x3b, PARTIAL_UNIT = 0x3c, IMPORTED_UNIT = 0x3d,
            RVALUE_REFERENCE_TYPE = 0x42, TYPE_UNIT = 0x41, ATOMIC_TYPE = 0x47, CALL_SITE = 0x48,
            CALL_SITE_PARAMETER = 0x49, SKELETON_UNIT = 0x4a, GNU_CALL_SITE = 0x4109;

    private DwTag() {}
}
