/**
 * The compiler driver: turns C, C++ and assembly sources (files, or text from the web UI) into a
 * debuggable executable with clang, and reports clang's and the linker's messages as structured
 * {@link dev.hindsight.tracer.compile.Diagnostic}s. {@link dev.hindsight.tracer.compile.SessionDirectory}
 * owns the private per-session scratch directory the sources and executables live in.
 */
package dev.hindsight.tracer.compile;
