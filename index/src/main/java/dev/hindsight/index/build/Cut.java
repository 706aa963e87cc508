package dev.hindsight.index.build;

import dev.hindsight.tracer.replay.ReplayBackend;

/**
 * Where a shard starts: a checkpoint of the replay (a forked copy, stopped, traced by a ptrace
 * thread of its own) and its exact position.
 */
record Cut(ReplayBackend checkpoint, Position position) {}
