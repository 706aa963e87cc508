/**
 * The compiler driver: turns C, C++ and assembly sources (files, or text from the web UI) into a
 * debuggable executable with clang, and reports clang's and the linker's messages as structured
 * {@link dev.hindsight.tracer.compile.Diagnostic}s. {@link dev.hindsight.tracer.compile.SessionDirectory}
 * owns the private per-session scratch directory the sources and executables live in, named after
 * the process that owns it so that what a killed process leaves is removed by the next one to start
 * a session there; {@link dev.hindsight.tracer.compile.ServerRoot} does the same for a confined
 * server's root of session directories.
 */
package dev.hindsight.tracer.compile;
