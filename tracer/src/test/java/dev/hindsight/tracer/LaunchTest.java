package dev.hindsight.tracer;

import static dev.hindsight.tracer.testing.Await.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.hindsight.tracer.testing.Fixtures;
import dev.hindsight.tracer.testing.Proc;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LaunchTest {
    @Test
    void argvEnvironmentAndWorkingDirectoryAreExact(@TempDir Path dir) throws Exception {
        Path exe = Fixtures.compile("echo_env.c");
        List<String> env = List.of("ZED=last", "ALPHA=1", "EMPTY=", "WITH_EQUALS=a=b");
        LaunchSpec spec = LaunchSpec.of(exe, "one", "two words", "").withEnvironment(env).withWorkingDirectory(dir);
        try (Target t = Target.launch(spec)) {
            t.stdio().stdin().write("abc\n".getBytes());
            t.stdio().stdin().close();
            assertEquals(new StopEvent.Exited(0, null), stop(t.execution().resume()));
            String out = new String(t.stdio().stdout().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(String.join("\n", "arg:" + exe, "arg:one", "arg:two words", "arg:",
                    "env:ZED=last", "env:ALPHA=1", "env:EMPTY=", "env:WITH_EQUALS=a=b",
                    "cwd:" + dir.toRealPath(), "bcd", ""), out);
        }
    }

    @Test
    void inheritedEnvironmentIsOursInOrder() {
        List<String> env = LaunchSpec.inheritedEnvironment();
        assertFalse(env.isEmpty());
        assertEquals(System.getenv("PATH"), env.stream().filter(e -> e.startsWith("PATH=")).findFirst()
                .map(e -> e.substring(5)).orElse(null));
    }

    @Test
    void noServerDescriptorLeaksIntoTheProgram() throws Exception {
        Path exe = Fixtures.compile("fds.c");
        try (Target t = Target.launch(LaunchSpec.of(exe))) {
            stop(t.execution().resume());
            assertEquals("0\n1\n2\n", new String(t.stdio().stdout().readAllBytes()));
        }
    }

    @Test
    void exitCodeIsReported() {
        try (Target t = Target.launch(LaunchSpec.of(Fixtures.compile("faults.c")))) {
            assertEquals(new StopEvent.Exited(42, null), exited(t.execution().resume()));
            assertEquals(Target.State.EXITED, t.state());
            assertThrows(Exception.class, () -> t.execution().resume().join());
        }
    }

    @Test
    void startsAtTheFirstInstructionOfTheDynamicLoader() throws Exception {
        Path exe = Fixtures.compile("loop.c");
        try (Target t = Target.launch(LaunchSpec.of(exe))) {
            long entry = t.memory().auxv().get(dev.hindsight.tracer.backend.AuxvType.AT_BASE);
            assertTrue(t.registers().current().rip() > entry, "rip should be inside ld.so");
            assertEquals(StopEvent.Reason.ENTRY, ((StopEvent.Stopped) t.lastStop()).reason());
            assertEquals(0, t.registers().current().rax(), "execve has returned 0 at the first instruction");
        }
    }

    @Test
    void clearErrorsForProgramsThatCannotRun(@TempDir Path dir) throws Exception {
        LaunchException missing = assertThrows(LaunchException.class, () -> Target.launch(LaunchSpec.of(dir.resolve("nope"))));
        assertTrue(missing.getMessage().contains("no such program"), missing.getMessage());
        Path text = Files.writeString(dir.resolve("script"), "#!/bin/sh\necho hi\n");
        assertTrue(assertThrows(LaunchException.class, () -> Target.launch(LaunchSpec.of(text)))
                .getMessage().contains("not executable"));
        text.toFile().setExecutable(true);
        assertTrue(assertThrows(LaunchException.class, () -> Target.launch(LaunchSpec.of(text)))
                .getMessage().contains("not an ELF"));
        assertTrue(assertThrows(LaunchException.class, () -> Target.launch(LaunchSpec.of(dir)))
                .getMessage().contains("not a regular file"));
    }

    @Test
    void resourceLimitsApplyToTheProgram() throws Exception {
        Path exe = Fixtures.compile("loop.c");
        try (Target t = Target.launch(LaunchSpec.of(exe).withLimits(ResourceLimits.CONFINED))) {
            List<String> limits = java.nio.file.Files.readAllLines(Path.of("/proc/" + t.pid() + "/limits"));
            assertTrue(limits.stream().anyMatch(l -> l.matches("Max core file size\\s+0\\s+0.*")), String.join("\n", limits));
            assertTrue(limits.stream().anyMatch(l -> l.matches("Max open files\\s+256\\s+256.*")), String.join("\n", limits));
            assertTrue(limits.stream().anyMatch(l -> l.matches("Max cpu time\\s+600\\s+600.*")), String.join("\n", limits));
        }
        try (Target t = Target.launch(LaunchSpec.of(exe))) {
            List<String> limits = java.nio.file.Files.readAllLines(Path.of("/proc/" + t.pid() + "/limits"));
            assertTrue(limits.stream().anyMatch(l -> l.matches("Max core file size\\s+0\\s+0.*")), "core dumps always off");
        }
    }

    @Test
    void aslrCanBeTurnedOn() {
        Path exe = Fixtures.compile("loop.c");
        long sp1, sp2, sp3;
        try (Target t = Target.launch(LaunchSpec.of(exe))) { sp1 = t.registers().current().rsp(); }
        try (Target t = Target.launch(LaunchSpec.of(exe))) { sp2 = t.registers().current().rsp(); }
        try (Target t = Target.launch(LaunchSpec.of(exe).withAslrDisabled(false))) { sp3 = t.registers().current().rsp(); }
        assertEquals(sp1, sp2, "runs repeat with randomisation off");
        assertNotEquals(sp1, sp3, "a randomised run lands elsewhere");
    }

    /**
     * README: tracees run in their own process group, so a signal sent to the debugger's group (a
     * terminal's Ctrl-C) does not reach them. A program that reads the debugger's own stdin
     * ({@code hindsight trace}) stays in the debugger's group: the terminal lets only its foreground
     * group read.
     */
    @Test
    void theProgramRunsInItsOwnProcessGroup() {
        Path exe = Fixtures.compile("loop.c");
        long ours = Proc.processGroup(ProcessHandle.current().pid());
        try (Target t = Target.launch(LaunchSpec.of(exe))) {
            assertEquals(t.pid(), Proc.processGroup(t.pid()), "a group of its own, led by the program");
            assertNotEquals(ours, Proc.processGroup(t.pid()));
        }
        LaunchSpec sharingStdin = LaunchSpec.of(exe).withStdio(LaunchSpec.Stdio.INHERIT, LaunchSpec.Stdio.PIPE, LaunchSpec.Stdio.PIPE);
        try (Target t = Target.launch(sharingStdin)) {
            assertEquals(ours, Proc.processGroup(t.pid()), "reading the debugger's stdin, in the debugger's group");
        }
    }
}
