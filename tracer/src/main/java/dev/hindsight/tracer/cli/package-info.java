/**
 * The {@code hindsight trace} command: a thin front end over {@link dev.hindsight.tracer.Target}
 * that starts a program (compiling sources first), stops at a symbol and prints every
 * instruction step as text or JSON lines, or with {@code --lines} steps by source line from main
 * and prints the variables in scope at every stop.
 */
package dev.hindsight.tracer.cli;
