/**
 * GDB/MI's wire syntax: parsing input lines into {@link dev.hindsight.mi.protocol.MiCommand}s
 * (token, operation, C-string arguments, options) and writing gdb's output records (result,
 * exec/notify async, console/target/log streams, the {@code (gdb) } prompt) with gdb's escaping.
 */
package dev.hindsight.mi.protocol;
