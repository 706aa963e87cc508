/**
 * Program values at a stop: variables in scope (parameters, locals per lexical block, globals and
 * statics), their types as gdb names them, values formatted as gdb prints them, expandable
 * children for aggregates and pointers, writes to scalars, and C expressions over them.
 * A {@link dev.hindsight.tracer.values.Variable} is valid until the program resumes.
 */
package dev.hindsight.tracer.values;
