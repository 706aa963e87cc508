package dev.hindsight.tracer.sys;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

/**
 * A no-op handler for one signal, installed with sigaction(2) without SA_RESTART (as a profiler
 * may), so that the signal interrupts whatever system call the receiving thread is in. The
 * handler is libc's {@code abs}: a function of one int that touches nothing, safe to run in any
 * thread at any moment (a Java callback would not be). Closing ignores the signal from then on
 * rather than restoring its default action: one still pending for some thread would end the JVM.
 */
final class SignalHandlerForTest implements AutoCloseable {
    /** glibc's struct sigaction (x86-64 and AArch64): handler, 128-byte mask, int flags, restorer. */
    private static final int SIZE = 152, FLAGS = 136;

    static {
        Native.register(SignalHandlerForTest.class, "c");
    }

    private static native int sigaction(int signal, long action, long old) throws LastErrorException;

    private static final long SIG_IGN = 1;
    private final int signal;

    private SignalHandlerForTest(int signal) {
        this.signal = signal;
        NativeBuffer action = NativeBuffer.allocate(SIZE);
        action.setLong(0, Pointer.nativeValue(NativeLibrary.getInstance("c").getFunction("abs")));
        action.setInt(FLAGS, 0); // no SA_RESTART: interrupted calls fail with EINTR
        sigaction(signal, action.address(), 0);
    }

    static SignalHandlerForTest install(int signal) {
        return new SignalHandlerForTest(signal);
    }

    @Override
    public void close() {
        NativeBuffer ignore = NativeBuffer.allocate(SIZE);
        ignore.setLong(0, SIG_IGN);
        sigaction(signal, ignore.address(), 0);
    }
}
