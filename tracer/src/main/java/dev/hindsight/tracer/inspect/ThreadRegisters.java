package dev.hindsight.tracer.inspect;

import dev.hindsight.tracer.regs.FpRegisters;
import dev.hindsight.tracer.regs.Registers;
import java.util.function.IntSupplier;

/**
 * The registers of the stopped program's threads, as a front end reads and writes them
 * ({@code target.registers()}). Reads come from the current stop's cache; a write goes to the
 * backend and throws that cache away. Every call is refused unless the program is stopped.
 */
public final class ThreadRegisters {
    private final StoppedProgram program;
    private final IntSupplier currentThread;

    /** @param currentThread the thread that last stopped, which {@link #current()} reads */
    public ThreadRegisters(StoppedProgram program, IntSupplier currentThread) {
        this.program = program;
        this.currentThread = currentThread;
    }

    /** The general-purpose registers of the thread that last stopped. */
    public Registers current() { return of(currentThread.getAsInt()); }

    public Registers of(int tid) { return program.registers(tid); }

    /** Sets one general-purpose register by its name ({@code rax}, {@code eflags}, {@code x0}, …). */
    public void set(int tid, String name, long value) { program.setRegister(tid, name, value); }

    /** x87, SSE and AVX state of the thread ({@link FpRegisters}). */
    public FpRegisters fp(int tid) { return program.fpRegisters(tid); }

    public void setFp(int tid, FpRegisters fp) { program.setFpRegisters(tid, fp); }

    /** AArch64's v0-v31, fpsr and fpcr ({@code NT_FPREGSET}). */
    public dev.hindsight.tracer.regs.FpsimdRegisters fpsimd(int tid) { return program.fpsimdRegisters(tid); }

    /** The thread pointer (x86-64's fs_base, AArch64's tpidr). */
    public long threadPointer(int tid) { return program.threadPointer(tid); }
}
