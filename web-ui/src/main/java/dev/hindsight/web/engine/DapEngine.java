package dev.hindsight.web.engine;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Sessions of the DAP server's engine ({@code dev.hindsight.dap.DapSession}), created the way a
 * public web server must: no attach, no program paths (only inline sources compiled by the server).
 * Bound through method handles while the engine is not yet on main, so this module builds either way.
 */
public final class DapEngine implements DebugSessionFactory {
    private static final String PKG = "dev.hindsight.dap.";
    private final Path tempRoot;

    public DapEngine(Path tempRoot) {
        this.tempRoot = tempRoot;
    }

    /** True when the DAP engine is on the class path. */
    public static boolean available() {
        try {
            Class.forName(PKG + "DapSession");
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    @Override
    public DebugSession create() {
        try {
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            Class<?> optionsType = Class.forName(PKG + "DapSessionOptions");
            Class<?> sessionType = Class.forName(PKG + "DapSession");
            Object options = lookup.findConstructor(optionsType,
                            MethodType.methodType(void.class, boolean.class, boolean.class, Path.class))
                    .invoke(false, false, tempRoot);
            Object session = lookup.findStatic(sessionType, "create", MethodType.methodType(sessionType, optionsType))
                    .invoke(options);
            return new Bound(session, lookup, sessionType);
        } catch (Throwable t) {
            throw new IllegalStateException("the DAP engine is not available: " + t, t);
        }
    }

    private static final class Bound implements DebugSession {
        private final MethodHandle connect;
        private final MethodHandle receive;
        private final MethodHandle onClosed;
        private final MethodHandle close;

        Bound(Object session, MethodHandles.Lookup lookup, Class<?> type) throws ReflectiveOperationException {
            MethodType takesString = MethodType.methodType(void.class, String.class);
            connect = lookup.findVirtual(type, "connect", MethodType.methodType(void.class, Consumer.class)).bindTo(session);
            receive = lookup.findVirtual(type, "receive", takesString).bindTo(session);
            onClosed = lookup.findVirtual(type, "onClosed", MethodType.methodType(void.class, Runnable.class)).bindTo(session);
            close = lookup.findVirtual(type, "close", MethodType.methodType(void.class)).bindTo(session);
        }

        @Override public void connect(Consumer<String> toClient) { call(connect, toClient); }
        @Override public void receive(String json) { call(receive, json); }
        @Override public void onClosed(Runnable r) { call(onClosed, r); }
        @Override public void close() { call(close, null); }

        private static void call(MethodHandle handle, Object argument) {
            try {
                if (argument == null) {
                    handle.invoke();
                } else {
                    handle.invoke(argument);
                }
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            }
        }
    }
}
