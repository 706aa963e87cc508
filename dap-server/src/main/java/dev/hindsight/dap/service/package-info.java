/**
 * The warm adapter service behind {@code hindsight dap}: one JVM per user and build that serves
 * many independent stdio DAP sessions, so an editor's start skips the JVM's start, class loading
 * and compilation. The launcher's relay ({@code dap-server/src/relay/dap-relay.c}) connects to
 * its Unix socket in a private directory (mode 0700), sends a header (the adapter's options, its
 * working directory and environment) and relays stdin and stdout; each connection becomes a
 * session exactly like {@code hindsight dap} on stdin/stdout ({@link dev.hindsight.dap.DapMain}),
 * with the program started in the relay's environment and directory ({@link LaunchRewriter}).
 *
 * <p>{@link DapService} is the process: it holds a lock so one service runs per socket, refuses
 * peers of another user ({@code SO_PEERCRED}), and exits after an idle time without sessions.
 * {@link RelayConnection} is one session; {@link SessionStderr} routes what a session writes on
 * stderr to its relay's stderr. {@link WarmUp} steps a built-in program through a session of the
 * service's own when it starts (at nice 10, until a relay's session begins; off with
 * {@code HINDSIGHT_DAP_SERVICE_WARMUP=off}), so that the JIT has compiled a step's round trip
 * before a real session needs it.
 */
package dev.hindsight.dap.service;
