/**
 * The MI commands: {@link dev.hindsight.mi.commands.CommandTable} maps every command name to its
 * handler, and each family (session, breakpoints, execution, stack, data, registers, threads,
 * variable objects, interpreter, symbols, thread groups, {@code -info-os}) is one small class. To find a command's code, look its name up
 * in the table.
 */
package dev.hindsight.mi.commands;
