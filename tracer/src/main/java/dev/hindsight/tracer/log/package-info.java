/**
 * The {@code --log LEVEL=FILE} option that {@code hindsight record}, {@code build} and
 * {@code serve} share (as Pernosco's {@code --log info=FILE}): {@link dev.hindsight.tracer.log.LogFile}
 * sends the JDK's platform logging ({@code System.Logger}, which the engine uses, and
 * {@code java.util.logging}) to a file, one line per record, each starting with its level
 * ({@code ERROR}, {@code WARN}, {@code INFO}, {@code DEBUG}) so that {@code grep '^ERROR'} finds
 * what went wrong. No logging library: the engine must not depend on a front end's choice.
 */
package dev.hindsight.tracer.log;
