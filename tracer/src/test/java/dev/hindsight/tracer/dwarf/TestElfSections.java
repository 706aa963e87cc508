package dev.hindsight.tracer.dwarf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Test-only ELF64 section extractor feeding {@link DwarfSections}; stands in for the real ELF reader so the DWARF
 * layer can be tested on its own. Handles SHF_COMPRESSED (zlib) sections found in distribution debug files.
 */
public final class TestElfSections {
    private static final long SHF_COMPRESSED = 0x800;
    private static final int SHT_NOBITS = 8;

    private TestElfSections() {}

    public static DwarfSections load(Path file) throws IOException {
        ByteBuffer elf = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        if (elf.getInt(0) != 0x464c457f || elf.get(4) != 2) throw new IOException("not ELF64: " + file);
        long shoff = elf.getLong(0x28);
        int shentsize = elf.getShort(0x3a) & 0xffff;
        int shnum = elf.getShort(0x3c) & 0xffff;
        int shstrndx = elf.getShort(0x3e) & 0xffff;
        long strOff = elf.getLong((int) (shoff + (long) shstrndx * shentsize + 0x18));
        Map<String, ByteBuffer> sections = new HashMap<>();
        long ehFrameAddress = 0;
        for (int i = 0; i < shnum; i++) {
            int h = (int) (shoff + (long) i * shentsize);
            String name = cstring(elf, (int) (strOff + elf.getInt(h)));
            int type = elf.getInt(h + 4);
            long flags = elf.getLong(h + 8);
            long addr = elf.getLong(h + 0x10);
            int offset = (int) elf.getLong(h + 0x18);
            int size = (int) elf.getLong(h + 0x20);
            if (type == SHT_NOBITS || !(name.startsWith(".debug_") || name.startsWith(".eh_frame"))) continue;
            ByteBuffer data = elf.slice(offset, size).order(ByteOrder.LITTLE_ENDIAN);
            if ((flags & SHF_COMPRESSED) != 0) data = inflate(data);
            sections.put(name, data);
            if (name.equals(DwarfSections.EH_FRAME)) ehFrameAddress = addr;
        }
        return new DwarfSections(sections, ehFrameAddress);
    }

    private static ByteBuffer inflate(ByteBuffer chdr) throws IOException {
        long size = chdr.getLong(8);
        Inflater inflater = new Inflater();
        inflater.setInput(chdr.slice(24, chdr.limit() - 24));
        byte[] out = new byte[(int) size];
        try {
            int n = 0;
            while (n < out.length && !inflater.finished()) n += inflater.inflate(out, n, out.length - n);
        } catch (DataFormatException e) {
            throw new IOException(e);
        } finally {
            inflater.end();
        }
        return ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static String cstring(ByteBuffer b, int at) {
        int end = at;
        while (b.get(end) != 0) end++;
        byte[] bytes = new byte[end - at];
        b.get(at, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
