/**
 * {@code hindsight gdb} tests that only mean something on an AArch64 Linux kernel: they run in the
 * arm64 guest of {@code misc/aarch64/run-tests.sh} (which puts mi-server's test classpath there
 * beside the tracer's) in lockstep with the guest's own gdb over MI, and are skipped, saying so,
 * on other machines. Fixtures are the tracer's cross-built {@code programs/aarch64/}.
 */
package dev.hindsight.mi.aarch64;
