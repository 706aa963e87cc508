/**
 * One debugging session independent of transport and wire format: the program (built, launched
 * or attached, or a core dump opened post mortem), the client's breakpoints, run control and the stop policy (conditions, hit
 * counts, log points), reference handles, and the mapping of engine events to DAP events.
 */
package dev.hindsight.dap.session;
