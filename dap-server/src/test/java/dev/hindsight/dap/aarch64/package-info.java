/**
 * DAP tests that only mean something on an AArch64 Linux kernel: they run in the arm64 guest of
 * {@code misc/aarch64/run-tests.sh} (which puts dap-server's test classpath there beside the
 * tracer's and mi-server's), driving an in-process session against the guest's own gdb
 * ({@code GuestGdb}), and are skipped, saying so, on other machines. Fixtures are the tracer's
 * cross-built {@code programs/aarch64/}. Kept to one compact class: the guest suite's time is CI's.
 */
package dev.hindsight.dap.aarch64;
