package dev.hindsight.tracer.dwarf.info;

/** DW_UT_* unit kinds; DWARF 2-4 units in {@code .debug_info} are always {@link #COMPILE}. */
public enum UnitType {
    COMPILE(1), TYPE(2), PARTIAL(3), SKELETON(4), SPLIT_COMPILE(5), SPLIT_TYPE(6), UNKNOWN(-1);

    public final int code;

    UnitType(int code) {
        this.code = code;
    }

    public static UnitType of(int code) {
        for (UnitType t : values()) if (t.code == code) return t;
        return UNKNOWN;
    }
}
