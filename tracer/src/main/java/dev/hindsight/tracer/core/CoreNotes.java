package dev.hindsight.tracer.core;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * The notes of a Linux x86-64 core dump (the PT_NOTE segments), as the kernel's
 * {@code fs/binfmt_elf.c} and gdb's {@code gcore} write them: one NT_PRSTATUS per thread (the
 * thread that took the signal first), each followed by its NT_FPREGSET and NT_X86_XSTATE; then
 * NT_PRPSINFO, NT_SIGINFO, NT_AUXV and NT_FILE for the process.
 */
final class CoreNotes {
    static final int NT_PRSTATUS = 1, NT_FPREGSET = 2, NT_PRPSINFO = 3, NT_AUXV = 6, NT_X86_XSTATE = 0x202,
            NT_SIGINFO = 0x53494749, NT_FILE = 0x46494c45;
    /** {@code struct elf_prstatus}: pr_cursig at 12, pr_pid at 32, pr_reg (27 registers) at 112. */
    private static final int PRSTATUS_SIZE = 336, PR_CURSIG = 12, PR_PID = 32, PR_REG = 112, REGISTERS = 27;
    /** An XSAVE image has at least the legacy area and its header (components: regs.XstateLayout). */
    private static final int XSAVE_YMM = 576;

    /** One thread's state at the dump. {@code xstate} (the XSAVE image) is null when the dump has none. */
    record ThreadState(int tid, int signal, long[] registers, byte[] fxsave, byte[] xstate) {}

    /** A file-backed mapping from NT_FILE: [start, end) maps {@code path} from {@code offset}. */
    record MappedFile(long start, long end, long offset, String path) {
        boolean contains(long address) {
            return Long.compareUnsigned(address, start) >= 0 && Long.compareUnsigned(address, end) < 0;
        }
    }

    final List<ThreadState> threads = new ArrayList<>();
    final LinkedHashMap<Long, Long> auxv = new LinkedHashMap<>();
    final List<MappedFile> files = new ArrayList<>();
    int pid;
    String command = "";
    String commandLine = "";
    int siginfoSignal;
    int siginfoCode;
    long siginfoAddress;
    boolean hasSiginfo;

    /** Parses the notes of one PT_NOTE segment into this; malformed notes are a {@link CoreFileException}. */
    void parse(ByteBuffer segment, String where) {
        ByteBuffer b = segment.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        int p = 0;
        while (p + 12 <= b.limit()) {
            int nameSize = b.getInt(p), descSize = b.getInt(p + 4), type = b.getInt(p + 8);
            long desc = p + 12L + align4(nameSize);
            if (nameSize < 0 || descSize < 0 || desc + descSize > b.limit()) {
                throw new CoreFileException(where + ": a note of the core file is cut short (the file is damaged)");
            }
            ByteBuffer d = b.slice((int) desc, descSize).order(ByteOrder.LITTLE_ENDIAN);
            note(type, d, where);
            p = (int) (desc + align4(descSize));
        }
    }

    private static long align4(long n) {
        return (n + 3) & ~3L;
    }

    private void note(int type, ByteBuffer d, String where) {
        switch (type) {
            case NT_PRSTATUS -> {
                if (d.limit() < PRSTATUS_SIZE) throw new CoreFileException(where + ": a thread's registers (NT_PRSTATUS) are cut short");
                long[] regs = new long[REGISTERS];
                for (int i = 0; i < REGISTERS; i++) regs[i] = d.getLong(PR_REG + 8 * i);
                threads.add(new ThreadState(d.getInt(PR_PID), d.getShort(PR_CURSIG), regs, new byte[512], null));
            }
            case NT_FPREGSET -> {
                if (threads.isEmpty() || d.limit() < 512) return;
                d.get(0, last().fxsave(), 0, 512);
            }
            case NT_X86_XSTATE -> {
                if (threads.isEmpty() || d.limit() < XSAVE_YMM) return;
                byte[] area = new byte[d.limit()];
                d.get(0, area);
                ThreadState t = last();
                threads.set(threads.size() - 1, new ThreadState(t.tid(), t.signal(), t.registers(), t.fxsave(), area));
            }
            case NT_PRPSINFO -> {
                // struct elf_prpsinfo: pr_pid at 24, pr_fname[16] at 40, pr_psargs[80] at 56
                if (d.limit() < 136) return;
                pid = d.getInt(24);
                command = cString(d, 40, 16);
                commandLine = cString(d, 56, 80);
            }
            case NT_SIGINFO -> {
                // siginfo_t: si_signo at 0, si_code at 8, si_addr (faults) at 16
                if (d.limit() < 24) return;
                hasSiginfo = true;
                siginfoSignal = d.getInt(0);
                siginfoCode = d.getInt(8);
                siginfoAddress = d.getLong(16);
            }
            case NT_AUXV -> {
                for (int i = 0; i + 16 <= d.limit(); i += 16) {
                    long key = d.getLong(i);
                    if (key == 0) break; // AT_NULL
                    auxv.put(key, d.getLong(i + 8));
                }
            }
            case NT_FILE -> files(d, where);
            default -> { }
        }
    }

    /** NT_FILE: count, page size, count × (start, end, offset in pages), then count NUL-terminated paths. */
    private void files(ByteBuffer d, String where) {
        if (d.limit() < 16) return;
        long count = d.getLong(0), pageSize = d.getLong(8);
        if (count < 0 || 16 + count * 24 > d.limit()) throw new CoreFileException(where + ": the list of mapped files (NT_FILE) is cut short");
        int name = (int) (16 + count * 24);
        for (int i = 0; i < count; i++) {
            int e = 16 + i * 24;
            String path = cString(d, name, d.limit() - name);
            name += path.getBytes(StandardCharsets.UTF_8).length + 1;
            files.add(new MappedFile(d.getLong(e), d.getLong(e + 8), d.getLong(e + 16) * pageSize, path));
            if (name > d.limit()) break;
        }
    }

    private ThreadState last() {
        return threads.get(threads.size() - 1);
    }

    private static String cString(ByteBuffer d, int at, int max) {
        int end = at;
        while (end < at + max && end < d.limit() && d.get(end) != 0) end++;
        byte[] bytes = new byte[end - at];
        d.get(at, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
