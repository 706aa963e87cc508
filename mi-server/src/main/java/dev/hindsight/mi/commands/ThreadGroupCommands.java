package dev.hindsight.mi.commands;

import dev.hindsight.mi.protocol.MiArgs;
import dev.hindsight.mi.protocol.MiCommand;
import dev.hindsight.mi.protocol.MiException;
import dev.hindsight.mi.protocol.MiList;
import dev.hindsight.mi.protocol.MiTuple;
import dev.hindsight.mi.session.MiSession;
import dev.hindsight.tracer.Target;
import java.util.List;
import java.util.Set;

/**
 * {@code -list-thread-groups}: gdb's one inferior {@code i1} (its pid and cores while it lives,
 * its exit code once it ended), its threads for {@code i1} or {@code --recurse 1}, and with
 * {@code --available} every process of the machine, as gdb reads them from {@code /proc}.
 */
final class ThreadGroupCommands {
    private static final String COMMAND = "-list-thread-groups";

    private ThreadGroupCommands() {}

    static MiResult list(MiSession s, MiCommand c) {
        MiArgs a = MiArgs.parse(COMMAND, c.args(), Set.of("--available"), Set.of("--recurse"));
        if (a.has("--available")) return MiResult.done("groups", available());
        // gdb reads the level with atoi: anything but a leading non-zero number lists no threads
        boolean recurse = a.intValue("--recurse", 0, COMMAND) != 0;
        for (String id : a.positional()) checkGroup(id);
        // one group named: its threads, as -thread-info lists them
        if (a.positional().size() == 1) return MiResult.done("threads", ThreadCommands.threads(s, null));
        MiTuple group = MiTuple.of().add("id", "i1").add("type", "process");
        Target t = s.target();
        boolean live = t != null && t.state() != Target.State.EXITED && t.postMortem().isEmpty();
        if (live) group.add("pid", t.pid());
        String exit = s.exitCode();
        if (exit != null) group.add("exit-code", exit);
        if (s.program() != null) group.add("executable", s.program().toAbsolutePath().normalize().toString());
        if (live) group.add("cores", cores(t.pid()));
        if (recurse) group.add("threads", ThreadCommands.threads(s, null));
        return MiResult.done("groups", MiList.of().value(group));
    }

    /** gdb's group ids are {@code iN}; Hindsight has only inferior 1. */
    private static void checkGroup(String id) {
        if (!id.matches("i\\d+")) throw new MiException("invalid syntax of group id '" + id + "'");
        if (!id.equals("i1")) throw new MiException("Non-existent thread group id '" + id.substring(1) + "'");
    }

    /** The cores the process's threads last ran on, as gdb lists them. */
    private static MiList cores(int pid) {
        MiList list = MiList.of();
        for (int core : OsProcesses.cores(pid)) list.value(String.valueOf(core));
        return list;
    }

    /** Every process, as gdb's linux_xfer_osdata_processes and -list-thread-groups --available show them. */
    private static MiList available() {
        MiList groups = MiList.of();
        List<Integer> pids = OsProcesses.pids();
        for (int pid : pids) {
            OsProcesses.Process p = OsProcesses.read(pid);
            if (p == null) continue;
            groups.value(MiTuple.of().add("id", pid).add("type", "process").add("description", p.command())
                    .add("user", p.user()).add("cores", cores(pid)));
        }
        return groups;
    }
}
