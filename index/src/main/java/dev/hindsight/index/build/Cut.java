package dev.hindsight.index.build;

import dev.hindsight.tracer.replay.ReplayBackend;

/**
 * Where a shard starts: a checkpoint of the replay (a forked copy, stopped, traced by a ptrace
 * thread of its own) and its exact position; {@code secondsIn} is how much CPU time into the run (replayed
 * at full speed) it lies, for the progress estimate.
 */
record Cut(ReplayBackend checkpoint, Position position, double secondsIn) {}
