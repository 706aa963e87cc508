/**
 * The {@code hindsight trace} command (module {@code trace-cli}): a thin front end over
 * {@link dev.hindsight.tracer.Target} that starts a program (compiling sources first), stops at a
 * symbol and prints every instruction step as text or JSON lines, or with {@code --lines} steps by
 * source line from main and prints the variables in scope at every stop. Its JSON (Jackson) lives
 * here, outside the engine, which knows no wire format.
 */
package dev.hindsight.trace;
