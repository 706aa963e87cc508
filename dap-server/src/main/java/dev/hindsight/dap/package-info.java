/**
 * The Debug Adapter Protocol server: {@link dev.hindsight.dap.DapSession} is one session that any
 * transport drives with JSON messages (stdio and TCP here, the web UI's WebSocket elsewhere);
 * {@link dev.hindsight.dap.DapMain} is {@code hindsight dap}.
 */
package dev.hindsight.dap;
