/**
 * One small handler class per DAP request or family of requests. Handlers check their
 * arguments, act on the {@link dev.hindsight.dap.session.Session} and throw
 * {@link dev.hindsight.dap.protocol.DapException} for anything the user should read.
 */
package dev.hindsight.dap.handlers;
