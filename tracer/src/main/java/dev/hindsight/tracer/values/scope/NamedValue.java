package dev.hindsight.tracer.values.scope;

import dev.hindsight.tracer.values.Value;

/** A variable found in scope: the name the user writes and its value. */
public record NamedValue(String name, Value value) {}
