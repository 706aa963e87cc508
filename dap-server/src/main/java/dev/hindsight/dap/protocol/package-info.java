/**
 * The wire side of the adapter on Eclipse LSP4J Debug: parsing and serialising DAP messages,
 * the server object LSP4J dispatches to (a thin delegate to the handlers), the custom
 * {@code writeStdin} request, and the mapping of failures to error responses ({@link
 * dev.hindsight.dap.protocol.ErrorCode}).
 */
package dev.hindsight.dap.protocol;
