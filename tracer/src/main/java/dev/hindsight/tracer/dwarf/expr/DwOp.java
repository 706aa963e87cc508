package dev.hindsight.tracer.dwarf.expr;

/** DW_OP_* opcodes (DWARF 5 section 7.7.1 and the GNU extensions gcc emits). */
public final class DwOp {
    public static final int ADDR = 0x03, DEREF = 0x06, CONST1U = 0x08, CONST1S = 0x09, CONST2U = 0x0a,
            CONST2S = 0x0b, CONST4U = 0x0c, CONST4S = 0x0d, CONST8U = 0x0e, CONST8S = 0x0f, CONSTU = 0x10,
            CONSTS = 0x11, DUP = 0x12, DROP = 0x13, OVER = 0x14, PICK = 0x15, SWAP = 0x16, ROT = 0x17, XDEREF = 0x18,
            ABS = 0x19, AND = 0x1a, DIV = 0x1b, MINUS = 0x1c, MOD = 0x1d, MUL = 0x1e, NEG = 0x1f, NOT = 0x20, OR = 0x21,
            PLUS = 0x22, PLUS_UCONST = 0x23, SHL = 0x24, SHR = 0x25, SHRA = 0x26, XOR = 0x27, BRA = 0x28, EQ = 0x29,
            GE = 0x2a, GT = 0x2b, LE = 0x2c, LT = 0x2d, NE = 0x2e, SKIP = 0x2f, LIT0 = 0x30, LIT31 = 0x4f, REG0 = 0x50,
            REG31 = 0x6f, BREG0 = 0x70, BREG31 = 0x8f, REGX = 0x90, FBREG = 0x91, BREGX = 0x92, PIECE = 0x93,
            DEREF_SIZE = 0x94, XDEREF_SIZE = 0x95, NOP = 0x96, PUSH_OBJECT_ADDRESS = 0x97, CALL2 = 0x98, CALL4 = 0x99,
            CALL_REF = 0x9a, FORM_TLS_ADDRESS = 0x9b, CALL_FRAME_CFA = 0x9c, BIT_PIECE = 0x9d, IMPLICIT_VALUE = 0x9e,
            STACK_VALUE = 0x9f, IMPLICIT_POINTER = 0xa0, ADDRX = 0xa1, CONSTX = 0xa2, ENTRY_VALUE = 0xa3,
            CONST_TYPE = 0xa4, REGVAL_TYPE = 0xa5, DEREF_TYPE = 0xa6, XDEREF_TYPE = 0xa7, CONVERT = 0xa8,
            REINTERPRET = 0xa9, GNU_PUSH_TLS_ADDRESS = 0xe0, GNU_UNINIT = 0xf0, GNU_ENCODED_ADDR = 0xf1,
            GNU_IMPLICIT_POINTER = 0xf2, GNU_ENTRY_VALUE = 0xf3, GNU_CONST_TYPE = 0xf4, GNU_REGVAL_TYPE = 0xf5,
            GNU_DEREF_TYPE = 0xf6, GNU_CONVERT = 0xf7, GNU_REINTERPRET = 0xf9, GNU_PARAMETER_REF = 0xfa,
            GNU_ADDR_INDEX = 0xfb, GNU_CONST_INDEX = 0xfc, GNU_VARIABLE_VALUE = 0xfd;

    private DwOp() {}
}
