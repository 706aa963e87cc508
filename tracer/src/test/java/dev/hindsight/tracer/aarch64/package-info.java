/**
 * Tests that only mean something on an AArch64 Linux kernel: they run in the arm64 guest of
 * {@code misc/aarch64/run-tests.sh} (qemu-system-aarch64, fixtures cross-built on the host from
 * {@code programs/aarch64/}) and are skipped, saying so, on other machines. Every class of this
 * package runs there; the guest's own gdb is their oracle through {@link
 * dev.hindsight.tracer.aarch64.GuestGdb} (one batch of CLI commands per test, same binary, same
 * environment).
 */
package dev.hindsight.tracer.aarch64;
