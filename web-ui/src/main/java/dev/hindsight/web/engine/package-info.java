/**
 * The seam between the web server and the debugging engine: {@link dev.hindsight.web.engine.DebugSession}
 * is what a browser tab talks to (DAP JSON in, DAP JSON out), {@link dev.hindsight.web.engine.DapEngine}
 * makes those from the DAP server's session engine. The server itself never looks inside a message
 * beyond what it must cap.
 */
package dev.hindsight.web.engine;
