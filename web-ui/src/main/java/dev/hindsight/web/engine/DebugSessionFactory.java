package dev.hindsight.web.engine;

/** Makes the sessions a browser tab (or a script on {@code /dap}) talks to. */
@FunctionalInterface
public interface DebugSessionFactory {
    DebugSession create();
}
