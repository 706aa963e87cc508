package dev.hindsight.index;

/** A piece of the program's memory image: its bytes from {@code start}, with the map's perms and name. */
public record Region(long start, byte[] bytes, String perms, String name) {
    public Region {
        if (bytes == null) throw new IllegalArgumentException("a region needs its bytes");
        perms = perms == null ? "" : perms;
        name = name == null ? "" : name;
    }

    public long end() { return start + bytes.length; }
}
