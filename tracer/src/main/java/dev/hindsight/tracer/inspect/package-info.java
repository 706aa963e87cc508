/**
 * The stopped program as the facade reads and writes it: registers and memory through a cache of
 * the current stop ({@link dev.hindsight.tracer.inspect.StopCache}: registers, walked stacks and
 * the stack memory around rsp, read once per stop and thrown away at every resumption or write),
 * and the same program as the values engine sees it from one thread. Engine-internal: front ends
 * use {@link dev.hindsight.tracer.Target}.
 */
package dev.hindsight.tracer.inspect;
