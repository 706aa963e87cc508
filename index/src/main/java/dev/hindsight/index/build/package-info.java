/**
 * {@code hindsight build TRACE_DIR}: replays a recorded run and writes its index
 * ({@link dev.hindsight.index}) in parallel shards.
 *
 * <h2>How a run is cut without an instruction counter</h2>
 * {@link dev.hindsight.index.build.CutPlanner} replays the run once at full speed (no stepping: as
 * fast as the program; only system calls stop it) to learn how much CPU time it takes, then replays
 * it again from a copy of the start and pauses it at each k/N of that time, forking the stopped
 * replay there (a checkpoint: {@code ReplayBackend.checkpoint}, a fork injected into the tracee).
 * The clock is read every 0.1 ms. Read from another CPU, the kernel's CPU time of a running
 * process ({@code /proc/PID/schedstat}, and {@code clock_gettime} of
 * {@code clock_getcpuclockid(pid)}: measured on 6.18) moves only at its scheduler ticks (every
 * 4–8 ms, while a run of 50 million instructions computes for about 20 ms), so
 * {@link dev.hindsight.index.build.TaskClock} reads a perf task-clock counter on the replay
 * ({@code PerfEvents}), which asks the replay's CPU for its current slice: exact at every read,
 * whatever the load. (It used to add the wall time since the last update, which counts a replay
 * waiting for a loaded CPU as computing: 8 cuts of a 49.3-million-instruction run at load 10–30
 * gave shards from 25,630 to 31,951,633 instructions. That estimate remains where perf events are
 * refused.) The clock leaves out what each checkpoint's fork costs the replay that is cut.
 * Each checkpoint's {@link dev.hindsight.index.build.Position} is exact: the number of trace
 * events consumed and the thread's registers. Shard k single-steps its checkpoint until, after a
 * step, both equal shard k+1's start; so the shards together cover every instruction exactly
 * once, wherever the pauses landed (a shard that reaches the program's end instead fails the
 * build). (A state that repeats exactly within one stretch between
 * events — the same registers — would end the shard at its first occurrence: see the record
 * package's note on positions.)
 *
 * <h2>Shards and jobs</h2>
 * CPU time is only a guess at the stepping work: each system call costs tens of microseconds at
 * full speed but a few steps when stepping, so the dynamic loader's dozens of calls weigh as
 * millions of instructions (measured with the exact clock: a 3.2-million-instruction run of
 * {@code build_compute.c} spends 1.5 of its 2.0 ms of CPU in its first 110,000 instructions, so
 * 4 cuts gave shards of 22,390 / 11,131 / 74,114 / 3,091,760 instructions, loaded or not), and
 * the pauses land within a poll of their marks. So the run is cut
 * into more shards than there are cores (8 per job by default) and {@code jobs} workers (default:
 * the cores) take them longest-first as they free up; a worker pins the shard's ptrace thread and
 * tracee to its own CPU (a checkpoint's thread was pinned round robin when it was made, and two
 * shards stepped on one CPU would share it while the other idles).
 *
 * <h2>Speed</h2>
 * One run of {@code misc/bench/build.sh} (2 jobs, 16 shards, 53.4 million instructions) on the
 * 2-core VM while other work loaded it heavily: 640 s, 83,431 instructions/s, the jobs ending
 * within 1 s of each other; 0.78x of two C ptrace loops at their quiet-VM rate (53,700 steps/s;
 * the loop measured in that run, 17,293/s, was loaded too), just short of the 0.8x. A
 * shard alone steps at 0.79x of one loop; what the rest costs is the engine's step (a JFR profile
 * of one shard: 72% waiting in {@code waitpid}, 21% in {@code ptrace}, a third of it reading the
 * registers before each step, 6% reading the instruction about to be stepped; this package's Java
 * about 2%). Before jobs took shards as they freed up, 2 shards reached 0.42x: the cut fell in the
 * dynamic loader. 4.64 bytes per instruction; the state at a random time in 0.51 ms (median).
 * <p>Where a step's CPU goes (2026-12-05, {@code misc/bench/shard-rate.sh}, which now also prints
 * CPU per step: on a loaded VM wall-clock ratios swing from 0.4 to 1.4 between rounds): the C loop
 * costs about 19 us of CPU per step (itself and its tracee), a shard about 21.5 us, of which its
 * tracee 12.2 us and its ptrace thread 9.3 us (CPU ratio about 0.88). A perf profile of the ptrace
 * thread ({@code perf record -t} with the JIT's perf map): 67% kernel, 20% Java spread thinly (the
 * shard writer, posting lists, the effects tracker, the engine's step), 6% JNA, 4% libc. The
 * largest items went: stores whose bytes the instruction names (mov from a register or an
 * immediate, push, call) are no longer read back from /proc/PID/mem, the fxsave image is one
 * GETFPREGS instead of GETFPREGS + the xsave area, and the per-pc and read posting lists no longer
 * box a key per instruction. The ptrace thread then costs about 0.8 us less per step (8.5 us),
 * a CPU ratio of 0.92-0.93 against 0.87-0.88 before (load 4-7; the README has the run).
 * What is left is the kernel's step (trap, two context switches, the register read) and about
 * 2 us of Java and JNA per step; the real margin would come from not single-stepping straight-line
 * code, which needs every skipped instruction's registers computed exactly (an emulator whose
 * flags agree with the CPU's, undefined ones included), not attempted.
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
