/**
 * {@code hindsight build TRACE_DIR}: replays a recorded run and writes its index
 * ({@link dev.hindsight.index}) in parallel shards.
 *
 * <h2>How a run is cut without an instruction counter</h2>
 * {@link dev.hindsight.index.build.CutPlanner} replays the run once at full speed (no stepping: as
 * fast as the program; only system calls stop it) to learn how long it takes, then replays it
 * again from a copy of the start and pauses it at each k/N of that time, forking the stopped
 * replay there (a checkpoint: {@code ReplayBackend.checkpoint}, a fork injected into the tracee).
 * Each checkpoint's {@link dev.hindsight.index.build.Position} is exact: the number of trace
 * events consumed and the thread's registers. Shard k single-steps its checkpoint until, after a
 * step, both equal shard k+1's start; so the shards together cover every instruction exactly
 * once, wherever the pauses landed. (A state that repeats exactly within one stretch between
 * events — the same registers — would end the shard at its first occurrence: see the record
 * package's note on positions.)
 *
 * <h2>One shard</h2>
 * {@link dev.hindsight.index.build.ShardRun} steps on the checkpoint's own ptrace thread, inside
 * the step observer: per instruction the effects tracker ({@code dev.hindsight.tracer.effects})
 * gives what it wrote, the shard writer takes the registers before it, and the trace's events
 * consumed by the step add what the kernel did: a system call's memory writes and output, a
 * mapped file's or fresh pages' bytes ({@link dev.hindsight.index.build.MappedMemory}), a signal
 * frame. Its start is the checkpoint's registers, fxsave image and whole readable memory.
 *
 * <h2>Past one machine</h2>
 * Shards are independent once their checkpoints exist; a checkpoint is a stopped process, so
 * across machines the unit of work would be "replay from the start to position P, then step to
 * position Q" — each job replays the prefix at full speed (seconds) on its own node, which needs
 * only the trace directory. The README says how to run that on an existing scheduler.
 */
package dev.hindsight.index.build;
