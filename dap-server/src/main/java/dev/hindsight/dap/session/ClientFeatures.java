package dev.hindsight.dap.session;

import org.eclipse.lsp4j.debug.InitializeRequestArguments;

/**
 * What the client announced in {@code initialize}: how it counts lines and columns, and which
 * optional events it understands (an adapter must not send {@code invalidated}, {@code memory} or
 * progress events to a client that did not ask for them).
 */
public record ClientFeatures(Positions positions, boolean invalidatedEvent, boolean memoryEvent, boolean progressReporting) {
    /** Before {@code initialize}: DAP's defaults, no optional events. */
    public static ClientFeatures defaults() {
        return new ClientFeatures(Positions.oneBased(), false, false, false);
    }

    public static ClientFeatures of(InitializeRequestArguments a) {
        if (a == null) return defaults();
        return new ClientFeatures(Positions.of(a.getLinesStartAt1(), a.getColumnsStartAt1()),
                Boolean.TRUE.equals(a.getSupportsInvalidatedEvent()), Boolean.TRUE.equals(a.getSupportsMemoryEvent()),
                Boolean.TRUE.equals(a.getSupportsProgressReporting()));
    }
}
