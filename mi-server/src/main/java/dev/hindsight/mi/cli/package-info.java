/**
 * Console (CLI) commands, as raw lines or through {@code -interpreter-exec console}: the most used
 * of gdb's commands, with their output as {@code ~} console stream records in gdb's wording.
 */
package dev.hindsight.mi.cli;
