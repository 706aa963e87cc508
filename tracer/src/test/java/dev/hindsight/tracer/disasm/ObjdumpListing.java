package dev.hindsight.tracer.disasm;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Test-only reference: the functions of a binary as {@code objdump -d} lists them, with raw bytes, so
 * tests can feed the same bytes to {@link Disassembler} and compare instruction by instruction.
 */
final class ObjdumpListing {
    /** One objdump line: address, encoding, and the text column (mnemonic, operands, comment). */
    record Line(long address, byte[] bytes, String text) {}

    /** A function's lines in address order; its bytes are the concatenation of the encodings. */
    record Function(String name, long address, List<Line> lines) {
        byte[] bytes() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            lines.forEach(l -> out.writeBytes(l.bytes()));
            return out.toByteArray();
        }
    }

    private static final Pattern HEADER = Pattern.compile("^([0-9a-f]+) <(.+)>:$");
    private static final Pattern INSN = Pattern.compile("^\\s*([0-9a-f]+):\\t([0-9a-f ]+?)\\s*(?:\\t(.*))?$");

    private ObjdumpListing() {}

    /** All functions objdump disassembles in {@code binary}, by name. */
    static Map<String, Function> functions(Path binary, Syntax syntax) throws Exception {
        return functions(binary, syntax, List.of());
    }

    /** As {@link #functions(Path, Syntax)}, with more objdump options (e.g. {@code -j .text}). */
    static Map<String, Function> functions(Path binary, Syntax syntax, List<String> options) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("objdump", "-d", "--insn-width=16"));
        cmd.addAll(options);
        if (syntax == Syntax.INTEL) cmd.addAll(List.of("-M", "intel"));
        cmd.add(binary.toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) throw new IllegalStateException(output);

        Map<String, Function> functions = new LinkedHashMap<>();
        Function current = null;
        for (String raw : output.split("\n")) {
            Matcher header = HEADER.matcher(raw);
            if (header.matches()) {
                current = new Function(header.group(2), Long.parseUnsignedLong(header.group(1), 16), new ArrayList<>());
                functions.put(current.name(), current);
                continue;
            }
            Matcher insn = INSN.matcher(raw);
            if (current != null && insn.matches()) {
                byte[] bytes = HexFormat.of().parseHex(insn.group(2).replace(" ", ""));
                String text = insn.group(3) == null ? "" : insn.group(3).trim();
                current.lines().add(new Line(Long.parseUnsignedLong(insn.group(1), 16), bytes, text));
            }
        }
        return functions;
    }
}
