/**
 * Byte-stream transports for DAP: Content-Length framing, one session over stdio or per TCP
 * connection, with the same limits and the same answers to broken input on both.
 *
 * <p>Broken framing never ends a session, never swallows the next request and never makes the
 * adapter allocate what a header claims ({@link dev.hindsight.dap.transport.FrameReader}):
 * <ul>
 *   <li>A header block without {@code Content-Length}, a {@code Content-Length} that is no byte
 *       count (not a number, negative, 19 digits or more), or bytes that are no header (garbage
 *       between messages): an {@code important} output event says what was wrong, and reading
 *       resumes at the next {@code Content-Length:} header wherever it starts (a body sent
 *       without its header ends without a line end, so the next header follows on the same line).
 *       A request found whole in the skipped bytes is answered with an error under its own
 *       {@code seq}, so that its client does not wait for it forever.</li>
 *   <li>A body over the message limit ({@code --max-message}, 1 MiB by default as in the web UI):
 *       an output event at once, then exactly its {@code Content-Length} bytes are skipped through
 *       a small buffer, never held, and the request in them (its top-level {@code seq} and
 *       {@code command} are picked out on the way) gets an error response. Skipping rather than
 *       closing: a client's length is true in practice (it is computed, not typed), so the next
 *       message starts right after the body, and an editor user who sent one oversized request (a
 *       huge inline source) keeps the session and learns which limit to raise. A client that
 *       claims more bytes than it sends has its following requests taken for the body; the output
 *       event sent before the skip already says so.</li>
 *   <li>The input ending inside a message, or failing: nothing more can be read, and the adapter
 *       ends the session with a line on stderr ({@code hindsight dap: ending the session: …}).</li>
 * </ul>
 * Stray blank lines between messages are accepted silently. The program's output is capped per
 * session ({@code --output-limit}, 1 MiB by default; {@link dev.hindsight.dap.transport.OutputLimit}).
 */
package dev.hindsight.dap.transport;
