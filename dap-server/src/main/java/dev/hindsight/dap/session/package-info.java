/**
 * One debugging session independent of transport and wire format: the program (built, launched
 * or attached, or a core dump opened post mortem), the client's breakpoints, run control and the stop policy (conditions, hit
 * counts, log points, the signals that stop: {@link dev.hindsight.dap.session.SignalFilters}),
 * reference handles and source references, and the mapping of engine events to DAP events
 * (module and loadedSource changes before each stop, the optional events a client announced in
 * {@link dev.hindsight.dap.session.ClientFeatures}). Lines and columns cross between the engine
 * and the client in one place, {@link dev.hindsight.dap.session.Positions}.
 */
package dev.hindsight.dap.session;
