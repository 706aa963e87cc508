package dev.hindsight.mi.commands;

import dev.hindsight.mi.protocol.MiCommand;
import dev.hindsight.mi.session.MiSession;

/** One MI command. Throws {@link dev.hindsight.mi.protocol.MiException} for gdb's {@code ^error}. */
@FunctionalInterface
public interface MiHandler {
    MiResult handle(MiSession session, MiCommand command);
}
