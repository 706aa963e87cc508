/**
 * Compound execution steps, built from the backend's single steps and continues and from
 * temporary breakpoints: over a call ({@code nexti}), out of a function ({@code finish}, leaving
 * its {@link dev.hindsight.tracer.step.ReturnValue}), over or into a source line ({@code next},
 * {@code step}, as gdb decides where a line ends) and to an address. Each runs as one engine
 * operation, so a front end sees one stop at its end. Recursion-aware: a return is recognised by
 * the stack pointer coming back, not by the address alone. Out of a function means to where its
 * frame, unwound with call-frame information, returns. "My code only" ({@code OwnCode}), when
 * on, keeps line steps and step out from ending outside the program's own code.
 */
package dev.hindsight.tracer.step;
