package dev.hindsight.tracer.compile;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A process that opens a session directory (under {@code $TMPDIR}, or, with the argument
 * {@code root}, in a {@link ServerRoot} there, as {@code hindsight serve} does), writes a file in
 * it, prints its path and waits for stdin to end, never closing it: what a server killed in the
 * middle of a session leaves.
 */
public final class HoldsSessionDirectory {
    public static void main(String[] args) throws Exception {
        SessionDirectory session;
        if (args.length > 0 && args[0].equals("root")) {
            Path root = ServerRoot.create(SessionDirectory.baseDirectory(System::getenv));
            session = SessionDirectory.create(java.util.Map.of("HINDSIGHT_TMPDIR", root.toString())::get);
        } else {
            session = SessionDirectory.create();
        }
        Files.writeString(session.path().resolve("main.c"), "int main(void) { return 0; }\n");
        System.out.println(session.path());
        System.out.flush();
        System.in.readAllBytes();
    }
}
