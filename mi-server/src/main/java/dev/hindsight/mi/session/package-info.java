/**
 * One gdb session over the engine: the program to run (or its core dump, {@code CoreFiles}), gdb's settings, the MI breakpoint table
 * (numbers, conditions, ignore counts, temporary ones), gdb's thread numbers, the selected
 * thread and frame, variable objects, and run control: how engine stops become {@code *stopped}
 * records with gdb's reasons.
 */
package dev.hindsight.mi.session;
