package dev.hindsight.tracer.values.types;

/** One named value of an enumeration; {@code name} is qualified as gdb prints it ({@code geo::Mode::On}). */
public record Enumerator(String name, long value) {}
