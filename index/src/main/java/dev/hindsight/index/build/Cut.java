package dev.hindsight.index.build;

import dev.hindsight.tracer.replay.ReplayBackend;

/**
 * Where a shard starts: a checkpoint of the replay (a forked copy, stopped, traced by a ptrace
 * thread of its own), its exact position, and the estimated share (0 to 1) of the run's stepping
 * work before it ({@link RunProgress}), from which the shards' lengths are guessed.
 */
record Cut(ReplayBackend checkpoint, Position position, double share) {}
