package dev.hindsight.mi.protocol;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Writes gdb's output records, one line each, flushed at once (front ends wait for them). Safe
 * from any thread: the program's output pumps write target records while commands run.
 */
public final class MiOutput {
    private final OutputStream out;
    private final boolean plainConsole;

    public MiOutput(OutputStream out) {
        this(out, false);
    }

    /**
     * @param plainConsole gdb's console interpreter instead of MI: console and program output as
     *                     plain text, errors as their message, no records, a prompt without newline
     */
    public MiOutput(OutputStream out, boolean plainConsole) {
        this.out = out;
        this.plainConsole = plainConsole;
    }

    /** Whether this is gdb's plain console rather than MI. */
    public boolean plainConsole() {
        return plainConsole;
    }

    /** {@code token^class,results} */
    public void result(String token, String resultClass, MiTuple results) {
        if (plainConsole) return;
        line(token + "^" + resultClass + (results == null || results.isEmpty() ? "" : "," + results.results()));
    }

    public void error(String token, MiException e) {
        if (plainConsole) {
            raw(e.getMessage() + "\n");
            return;
        }
        MiTuple t = MiTuple.of().add("msg", e.getMessage() == null ? e.toString() : e.getMessage());
        if (e.code() != null) t.add("code", e.code());
        result(token, "error", t);
    }

    /** {@code *class,results}: execution state changes. */
    public void exec(String asyncClass, MiTuple results) {
        if (plainConsole) return;
        line("*" + asyncClass + (results == null || results.isEmpty() ? "" : "," + results.results()));
    }

    /** {@code =class,results}: notifications. */
    public void notify(String asyncClass, MiTuple results) {
        if (plainConsole) return;
        line("=" + asyncClass + (results == null || results.isEmpty() ? "" : "," + results.results()));
    }

    /** {@code ~"text"}: what the console would show. */
    public void console(String text) {
        if (plainConsole) {
            raw(text);
            return;
        }
        line("~" + CString.quote(text));
    }

    /** {@code @"text"}: the program's output. */
    public void target(String text) {
        if (plainConsole) {
            raw(text);
            return;
        }
        line("@" + CString.quote(text));
    }

    /** {@code &"text"}: gdb's log (echoed console commands, their errors). */
    public void log(String text) {
        if (plainConsole) return;
        line("&" + CString.quote(text));
    }

    public void prompt() {
        if (plainConsole) raw("(gdb) ");
        else line("(gdb) ");
    }

    /** Raw text, for the plain console (no MI). */
    public synchronized void raw(String text) {
        try {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void line(String s) {
        raw(s + "\n");
    }
}
