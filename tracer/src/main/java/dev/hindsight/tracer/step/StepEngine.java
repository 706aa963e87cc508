package dev.hindsight.tracer.step;

import dev.hindsight.tracer.StopEvent;
import dev.hindsight.tracer.StopEvent.Reason;
import dev.hindsight.tracer.StopEvent.Stopped;
import dev.hindsight.tracer.TargetStateException;
import dev.hindsight.tracer.arch.Architecture;
import dev.hindsight.tracer.backend.Backend;
import dev.hindsight.tracer.backend.Resume;
import dev.hindsight.tracer.breakpoints.BreakpointTable;
import dev.hindsight.tracer.disasm.Instruction;
import dev.hindsight.tracer.elf.ModuleMap;
import dev.hindsight.tracer.elf.SymbolicAddress;
import dev.hindsight.tracer.regs.Registers;
import dev.hindsight.tracer.source.SourcePoint;
import dev.hindsight.tracer.source.SourceView;
import dev.hindsight.tracer.stack.CallerFrame;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.LongFunction;
import java.util.function.Supplier;

/**
 * The compound execution steps of a {@link dev.hindsight.tracer.Target} — over a call, out of a
 * function, over or into a source line, to an address — built from backend resumptions and
 * temporary breakpoints, recursion-aware (a return is recognised by the stack pointer coming
 * back, not by the address alone). Everything here runs while the program is running, on the
 * engine's thread: nothing goes through the facade's state checks or caches.
 */
public final class StepEngine implements LineStepper.Engine {
    private static final Architecture ARCH = Architecture.host();
    private final Backend backend;
    private final BreakpointTable breakpoints;
    private final LongFunction<Optional<Instruction>> decoder;
    private final Supplier<ModuleMap> modules;
    private final OwnCode ownCode;
    private volatile ReturnValue lastReturn;
    private volatile boolean myCodeOnly;

    /**
     * @param decoder decodes the instruction at a pc, breakpoints hidden
     * @param modules the module map as last read (never re-read while a step runs)
     */
    public StepEngine(Backend backend, BreakpointTable breakpoints, LongFunction<Optional<Instruction>> decoder,
                      Supplier<ModuleMap> modules) {
        this.backend = backend;
        this.breakpoints = breakpoints;
        this.decoder = decoder;
        this.modules = modules;
        this.ownCode = new OwnCode(backend, breakpoints, modules);
    }

    /**
     * "My code only": line steps and step out never stop in code that is not the program's own
     * (see {@link OwnCode}); they run on until its own code runs again, or the program ends.
     * Instruction steps are unaffected. Off by default.
     */
    public void setMyCodeOnly(boolean on) {
        myCodeOnly = on;
    }

    @Override
    public boolean myCodeOnly() {
        return myCodeOnly;
    }

    @Override
    public boolean isOwnCode(long pc) {
        return ownCode.contains(pc);
    }

    @Override
    public CompletableFuture<StopEvent> runToOwnCode(int tid) {
        return ownCode.runToOwnCode(tid);
    }

    /** What the function left in the return registers at the last {@link #stepOut}; null otherwise. */
    public ReturnValue lastReturn() {
        return lastReturn;
    }

    /** A new resumption begins: the last return value no longer describes where the program is. */
    public void forgetReturn() {
        lastReturn = null;
    }

    /** gdb's {@code next}: to the next source line in this function, running calls to completion. */
    public CompletableFuture<StopEvent> lineOver(int tid, BooleanSupplier pauseRequested) {
        return new LineStepper(this, LineStepper.Mode.OVER, tid, pauseRequested).run();
    }

    /** gdb's {@code step}: to the next source line, entering called functions that have line information. */
    public CompletableFuture<StopEvent> lineInto(int tid, BooleanSupplier pauseRequested) {
        return new LineStepper(this, LineStepper.Mode.INTO, tid, pauseRequested).run();
    }

    @Override
    public Backend backend() {
        return backend;
    }

    @Override
    public Optional<Instruction> decode(long pc) {
        return decoder.apply(pc);
    }

    @Override
    public SourceView source() {
        return new SourceView(modules.get());
    }

    @Override
    public CompletableFuture<StopEvent> stepOverCall(int tid, Instruction call) {
        long rsp = backend().registers(tid).rsp();
        return runToReturnAddress(tid, call.nextAddress(), rsp);
    }

    @Override
    public CompletableFuture<StopEvent> returnFromEntry(int tid) {
        CallerFrame caller = returnsTo(backend().registers(tid));
        return runToReturnAddress(tid, caller.pc(), caller.sp());
    }

    @Override
    public CompletableFuture<StopEvent> runToAddress(int tid, long address) {
        breakpoints.acquire(address);
        return backend().resume(Resume.proceed(tid)).whenComplete((r, e) -> breakpoints.release(address));
    }

    /**
     * Finish: runs to where the current function returns to, unwound with call-frame information
     * as a backtrace's first frame is (a {@code ret} about to run returns to the word at rsp, or
     * to x30 on AArch64).
     */
    public CompletableFuture<StopEvent> stepOut(int tid) {
        var regs = backend().registers(tid);
        long pc = regs.rip();
        CallerFrame caller;
        if (decode(pc).map(Instruction::isReturn).orElse(false)) {
            caller = returnsTo(regs);
        } else {
            caller = CallerFrame.of(backend(), modules.get(), regs).orElseThrow(() -> new TargetStateException(
                    "cannot find where the function at 0x" + Long.toHexString(pc) + " returns to"));
        }
        String function = source().at(pc).map(SourcePoint::function).orElse(symbolName(pc));
        return stepOutTo(tid, function, caller.pc(), caller.sp());
    }

    /**
     * gdb's {@code finish} from an outer frame: runs until {@code function}'s frame returns to
     * {@code returnAddress} with the stack pointer at {@code spAfterReturn} (its CFA) or above; a
     * deeper recursion returning through the same address goes on. {@link #lastReturn()} then holds
     * what that function returned.
     */
    public CompletableFuture<StopEvent> stepOutTo(int tid, String function, long returnAddress, long spAfterReturn) {
        return runToReturnAddress(tid, returnAddress, spAfterReturn).thenCompose(stop -> {
            if (stop instanceof Stopped s && s.reason() == Reason.BREAKPOINT && s.pc() == returnAddress
                    && Long.compareUnsigned(backend().registers(tid).rsp(), spAfterReturn) >= 0) {
                // a breakpoint where the function returned to: the function did return (gdb shows its value too)
                remember(tid, function);
                return CompletableFuture.completedFuture(stop);
            }
            if (!(stop instanceof Stopped s) || s.reason() != Reason.STEP) return CompletableFuture.completedFuture(stop);
            if (myCodeOnly && !isOwnCode(s.pc())) {
                // Out of main, or of a callback, into libc: on to the program's own code, or its end.
                return runToOwnCode(tid).thenCompose(next -> next instanceof Stopped n && n.reason() == Reason.STEP
                        ? LineStepper.afterFunctionEntry(this, tid, n.pc()) : CompletableFuture.completedFuture(next));
            }
            remember(tid, function);
            return CompletableFuture.completedFuture(stop);
        });
    }

    private void remember(int tid, String function) {
        long integer = backend().registers(tid).get(ARCH.integerReturnRegister());
        // Both conventions return a double in the low 8 bytes of vector register 0 (xmm0, d0).
        double fp = ByteBuffer.wrap(backend().vectorRegister(tid, 0)).order(ByteOrder.LITTLE_ENDIAN).getDouble();
        lastReturn = new ReturnValue(function, integer, fp);
    }

    /**
     * Where the function at its first instruction, or at its return instruction, returns to: the
     * link register with the stack pointer unchanged where calls leave the return address there
     * (AArch64's x30), else the word at the stack pointer, popped by the return (x86-64).
     */
    private CallerFrame returnsTo(Registers regs) {
        int link = ARCH.dwarfLinkRegister();
        if (link >= 0) return new CallerFrame(regs.get(ARCH.dwarfRegisterName(link)), regs.sp());
        long rsp = regs.rsp();
        return new CallerFrame(readLong(rsp), rsp + 8);
    }

    private String symbolName(long pc) {
        return modules.get().symbolize(pc).map(SymbolicAddress::symbol).orElse(null);
    }

    /**
     * Continues until {@code returnAddress} is reached by {@code tid} with the stack popped back
     * to {@code rspAfterReturn} or above; deeper activations passing the same address (recursion)
     * and other threads are let through. Anything else that stops the program ends the run there.
     */
    private CompletableFuture<StopEvent> runToReturnAddress(int tid, long returnAddress, long rspAfterReturn) {
        breakpoints.acquire(returnAddress);
        return untilReturned(tid, returnAddress, rspAfterReturn).whenComplete((r, e) -> breakpoints.release(returnAddress));
    }

    private CompletableFuture<StopEvent> untilReturned(int tid, long returnAddress, long rsp) {
        return backend().resume(Resume.proceed(tid)).thenCompose(stop -> {
            if (stop instanceof Stopped s && s.reason() == Reason.BREAKPOINT && s.pc() == returnAddress
                    && breakpoints.userBreakpointsAt(returnAddress).isEmpty()) {
                if (s.tid() == tid && backend().registers(tid).rsp() >= rsp) {
                    return CompletableFuture.completedFuture(Stopped.simple(Reason.STEP, tid, s.pc()));
                }
                return untilReturned(tid, returnAddress, rsp);
            }
            return CompletableFuture.completedFuture(stop);
        });
    }

    private long readLong(long address) {
        byte[] b = new byte[8];
        if (backend().readMemory(address, b, 0, 8) != 8) {
            throw new TargetStateException("cannot read the return address at 0x" + Long.toHexString(address));
        }
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }
}
