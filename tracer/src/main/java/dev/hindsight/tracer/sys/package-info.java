/**
 * The only place that touches JNA: direct-mapped ({@code Native.register}) declarations of the
 * libc calls the engine needs, one class per syscall family, taking primitive and {@code long}
 * address arguments so a call costs about a microsecond.
 *
 * <p>Callers pass native memory as {@link dev.hindsight.tracer.sys.NativeBuffer}s, which hide JNA's
 * {@code Memory}. Failures raise {@link dev.hindsight.tracer.sys.NativeException} carrying errno.
 * Nothing here knows about debugging; the ptrace backend composes these.
 */
package dev.hindsight.tracer.sys;
