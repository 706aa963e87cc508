package dev.hindsight.tracer.log;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.logging.FileHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Parses and installs {@code --log LEVEL=FILE}. */
public final class LogFile {
    public static final String USAGE = "--log LEVEL=FILE   write a log (LEVEL: error, warn, info or debug); lines start with the level";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    /** A parsed {@code LEVEL=FILE}. */
    public record Spec(Level level, Path file) {}

    private LogFile() {}

    /** A command line with its {@code --log} taken out; {@code spec} is null when there was none. */
    public record Extracted(Spec spec, String[] rest) {}

    /**
     * Takes {@code --log LEVEL=FILE} (or {@code --log=LEVEL=FILE}) out of a command line, up to a
     * {@code --} (what follows belongs to the program).
     *
     * @throws IllegalArgumentException with a message for the user
     */
    public static Extracted extract(String[] args) {
        Spec spec = null;
        java.util.List<String> rest = new java.util.ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--")) {
                rest.addAll(java.util.Arrays.asList(args).subList(i, args.length));
                break;
            }
            if (a.equals("--log")) {
                if (i + 1 >= args.length) throw new IllegalArgumentException("--log needs LEVEL=FILE (e.g. info=hindsight.log)");
                spec = parse(args[++i]);
            } else if (a.startsWith("--log=")) {
                spec = parse(a.substring("--log=".length()));
            } else {
                rest.add(a);
            }
        }
        return new Extracted(spec, rest.toArray(String[]::new));
    }

    /**
     * Parses {@code LEVEL=FILE}.
     *
     * @throws IllegalArgumentException with a message for the user
     */
    public static Spec parse(String value) {
        int eq = value.indexOf('=');
        if (eq <= 0 || eq == value.length() - 1) {
            throw new IllegalArgumentException("--log needs LEVEL=FILE (e.g. info=hindsight.log), not '" + value + "'");
        }
        Level level = switch (value.substring(0, eq).toLowerCase(Locale.ROOT)) {
            case "error" -> Level.SEVERE;
            case "warn", "warning" -> Level.WARNING;
            case "info" -> Level.INFO;
            case "debug" -> Level.FINE;
            default -> throw new IllegalArgumentException("--log LEVEL is error, warn, info or debug, not '"
                    + value.substring(0, eq) + "'");
        };
        return new Spec(level, Path.of(value.substring(eq + 1)));
    }

    /**
     * Sends every logger's records at {@code spec.level()} and above to the file (appending), and
     * nothing to the console: a command's terminal output stays the user's. Java logging and, through
     * slf4j-jdk14 where a module has slf4j (Jetty, the DAP server), slf4j records.
     *
     * @throws IOException when the file cannot be opened (the message names it)
     */
    public static void install(Spec spec) throws IOException {
        Handler handler;
        try {
            handler = new FileHandler(spec.file().toString(), true);
        } catch (IOException e) {
            throw new IOException("cannot write the log " + spec.file() + ": " + e.getMessage(), e);
        }
        handler.setFormatter(new LevelFirst());
        handler.setLevel(spec.level());
        replaceHandlers(handler, spec.level());
    }

    /**
     * Without {@code --log}: records at {@code level} and above on stderr, one line each in the
     * same shape as the file (the JDK's default takes two lines per record). Jetty says only what
     * is wrong.
     */
    public static void console(Level level) {
        Handler handler = new java.util.logging.StreamHandler(System.err, new LevelFirst()) {
            @Override
            public synchronized void publish(LogRecord record) {
                super.publish(record);
                flush();
            }
        };
        handler.setLevel(level);
        replaceHandlers(handler, level);
    }

    private static void replaceHandlers(Handler handler, Level level) {
        Logger root = Logger.getLogger("");
        for (Handler h : root.getHandlers()) {
            root.removeHandler(h);
            h.close();
        }
        root.addHandler(handler);
        root.setLevel(level);
        QUIETER.setLevel(Level.WARNING.intValue() < level.intValue() ? level : Level.WARNING);
    }

    /** Jetty's INFO lines (versions, connectors) are noise to our users; kept referenced so the level sticks. */
    private static final Logger QUIETER = Logger.getLogger("org.eclipse.jetty");

    /** The level as gdb/Pernosco users grep for it, then the time, the logger's last name and the message. */
    static String levelName(Level level) {
        int v = level.intValue();
        if (v >= Level.SEVERE.intValue()) return "ERROR";
        if (v >= Level.WARNING.intValue()) return "WARN";
        if (v >= Level.INFO.intValue()) return "INFO";
        return "DEBUG";
    }

    static final class LevelFirst extends Formatter {
        @Override
        public String format(LogRecord r) {
            String name = r.getLoggerName() == null ? "" : r.getLoggerName().substring(r.getLoggerName().lastIndexOf('.') + 1);
            StringBuilder b = new StringBuilder(levelName(r.getLevel())).append(' ')
                    .append(TIME.format(Instant.ofEpochMilli(r.getMillis()))).append(' ')
                    .append(name).append(": ").append(formatMessage(r)).append('\n');
            if (r.getThrown() != null) {
                java.io.StringWriter w = new java.io.StringWriter();
                r.getThrown().printStackTrace(new java.io.PrintWriter(w));
                for (String line : w.toString().split("\n")) b.append(levelName(r.getLevel())).append("   ").append(line).append('\n');
            }
            return b.toString();
        }
    }
}
