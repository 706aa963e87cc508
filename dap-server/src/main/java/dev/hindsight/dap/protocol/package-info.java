/**
 * The wire side of the adapter on Eclipse LSP4J Debug: parsing and serialising DAP messages,
 * the server object LSP4J dispatches to (a thin delegate to the handlers); the messages of an
 * instruction step's round trip are read and written by hand ({@code HotRequestReader},
 * {@code HotMessageWriter}) into and from the same objects and text as
 * LSP4J's, which handles everything else. Also here: the custom
 * {@code writeStdin} and {@code stopState} requests, the {@link dev.hindsight.dap.protocol.MessageSink}
 * through which a transport may hold messages until the session is idle, and the mapping of
 * failures to error responses ({@link dev.hindsight.dap.protocol.ErrorCode}). A request that
 * cannot be parsed or run is still answered under its own {@code seq}, found by
 * {@link dev.hindsight.dap.protocol.RequestIdentity} whatever the order of its keys.
 */
package dev.hindsight.dap.protocol;
