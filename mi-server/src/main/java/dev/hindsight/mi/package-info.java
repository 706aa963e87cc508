/**
 * {@code hindsight gdb}: Hindsight as a drop-in gdb for GDB/MI front ends. {@link
 * dev.hindsight.mi.GdbMain} reads gdb's command line, {@link dev.hindsight.mi.MiServer} runs the
 * read-dispatch-answer loop over stdin/stdout.
 */
package dev.hindsight.mi;
