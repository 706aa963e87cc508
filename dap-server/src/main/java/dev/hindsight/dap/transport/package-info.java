/** Byte-stream transports for DAP: Content-Length framing, one session over stdio or per TCP connection. */
package dev.hindsight.dap.transport;
