package dev.hindsight.dap.service;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What the relay sends before the session's bytes, each string ended by a NUL byte: the protocol
 * line, the number of adapter options and the options, the relay's working directory, the number
 * of environment entries and the entries ({@code NAME=VALUE}, in the relay's order).
 */
record RelayHeader(List<String> args, String cwd, List<String> environment) {
    static final String PROTOCOL = "hindsight-dap-relay 1";
    /** Far more than any real header; a peer sending more is not a relay. */
    private static final int MAX_STRING = 1 << 20, MAX_COUNT = 100_000;

    static RelayHeader read(InputStream in) throws IOException {
        String protocol = string(in);
        if (!PROTOCOL.equals(protocol)) throw new IOException("not a relay of this version: " + protocol);
        List<String> args = strings(in);
        String cwd = string(in);
        return new RelayHeader(args, cwd, strings(in));
    }

    private static List<String> strings(InputStream in) throws IOException {
        int n;
        try {
            n = Integer.parseInt(string(in));
        } catch (NumberFormatException e) {
            throw new IOException("a count in the relay's header is no number");
        }
        if (n < 0 || n > MAX_COUNT) throw new IOException("a count in the relay's header is out of range: " + n);
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) out.add(string(in));
        return out;
    }

    private static String string(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int c; (c = in.read()) != 0; ) {
            if (c < 0) throw new IOException("the relay's header ended early");
            if (b.size() >= MAX_STRING) throw new IOException("a string in the relay's header is too long");
            b.write(c);
        }
        return b.toString(StandardCharsets.UTF_8);
    }
}
