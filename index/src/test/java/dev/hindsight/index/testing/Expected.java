package dev.hindsight.index.testing;

import dev.hindsight.index.Region;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What a recording says the index must answer: registers and kind at every time, probes, output. */
public final class Expected implements Recording.Visitor {
    public record Probe(long time, long address, byte[] bytes) {}

    public final List<long[]> registers = new ArrayList<>();
    public final List<Integer> kinds = new ArrayList<>(), tids = new ArrayList<>();
    public final List<Probe> probes = new ArrayList<>();
    public final List<long[]> syscalls = new ArrayList<>();
    public final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    public final List<byte[]> fxsaves = new ArrayList<>();
    /** Every write: time, address, bytes, whether the kernel made it. */
    public final List<dev.hindsight.index.Write> writes = new ArrayList<>();
    private byte[] fx;

    public static Expected of(Path recording) throws IOException {
        Expected e = new Expected();
        Recording.read(recording, e);
        return e;
    }

    @Override
    public void start(int tid, long[] regs, byte[] fxsave, List<Region> memory) {
        fx = fxsave;
    }

    @Override
    public void instruction(int tid, long[] regs, int kind, long[] addresses, byte[][] values, byte[] fxsave) {
        registers.add(regs);
        kinds.add(kind);
        tids.add(tid);
        if (fxsave != null) fx = fxsave;
        fxsaves.add(fx);
        for (int i = 0; i < addresses.length; i++) writes.add(new dev.hindsight.index.Write(registers.size() - 1, addresses[i], values[i], false));
    }

    @Override
    public void syscall(long number, long[] args, long result, long[] addresses, byte[][] values) {
        syscalls.add(new long[] {registers.size() - 1, number, result});
        for (int i = 0; i < addresses.length; i++) writes.add(new dev.hindsight.index.Write(registers.size() - 1, addresses[i], values[i], true));
    }

    @Override
    public void output(long time, int fd, byte[] bytes) {
        if (fd == 1) stdout.writeBytes(bytes);
    }

    @Override
    public void probe(long time, long address, byte[] bytes) {
        probes.add(new Probe(time, address, bytes));
    }
}
