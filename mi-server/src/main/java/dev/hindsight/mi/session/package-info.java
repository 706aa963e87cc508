/**
 * One gdb session over the engine: the program to run (or its core dump, {@code CoreFiles}), gdb's settings, the MI breakpoint table
 * (numbers, conditions, ignore counts, temporary ones), gdb's thread numbers, the selected
 * thread and frame, variable objects, and run control: how engine stops become {@code *stopped}
 * records with gdb's reasons. {@code MiSession} holds the session and hands work to its parts:
 * {@code ProgramLifecycle} (run, attach, core dumps, detach, kill, exit), {@code RunControl}
 * (resumptions and the engine's events) and {@code Selection} (thread, frame, what was shown).
 */
package dev.hindsight.mi.session;
