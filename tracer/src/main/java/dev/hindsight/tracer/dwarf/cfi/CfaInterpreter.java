package dev.hindsight.tracer.dwarf.cfi;

import dev.hindsight.tracer.dwarf.DwarfCursor;
import dev.hindsight.tracer.dwarf.DwarfFormatException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/** Runs a CIE's initial instructions and then an FDE's instructions up to a pc, yielding the unwind row there. */
public final class CfaInterpreter {
    private static final int MAX_REMEMBERED = 256;

    private CfaInterpreter() {}

    public static UnwindRow rowAt(FrameDescriptionEntry fde, long pc) {
        CommonInformationEntry cie = fde.cie();
        State initial = new State();
        initial.location = fde.pcBegin();
        run(cie, cie.initialInstructions(), initial, null, Long.MAX_VALUE, fde.pcBegin());
        State s = initial.copy();
        run(cie, fde.instructions(), s, initial, pc, fde.pcBegin());
        return new UnwindRow(s.location, s.cfa, Map.copyOf(s.rules), cie.returnAddressRegister(), cie.signalFrame(),
                s.argsSize);
    }

    private static final class State {
        long location;
        CfaRule cfa = new CfaRule.RegisterOffset(7, 8);
        Map<Integer, RegisterRule> rules = new HashMap<>();
        long argsSize;

        State copy() {
            State s = new State();
            s.location = location;
            s.cfa = cfa;
            s.rules = new HashMap<>(rules);
            s.argsSize = argsSize;
            return s;
        }
    }

    private static void run(CommonInformationEntry cie, byte[] code, State s, State initial, long pc, long pcBegin) {
        DwarfCursor c = new DwarfCursor(ByteBuffer.wrap(code), "CFA instructions");
        Deque<State> remembered = new ArrayDeque<>();
        long ca = cie.codeAlignment();
        long da = cie.dataAlignment();
        while (c.hasRemaining()) {
            int op = c.u8();
            int high = op & 0xc0;
            int low = op & 0x3f;
            long advance = -1;
            if (high == 0x40) {
                advance = low * ca;
            } else if (high == 0x80) {
                s.rules.put(low, new RegisterRule.Offset(c.uleb() * da));
            } else if (high == 0xc0) {
                restore(s, initial, low);
            } else {
                switch (op) {
                    case 0x00 -> { } // nop
                    case 0x01 -> {
                        long target = PointerEncoding.read(c, cie.fdeEncoding() & 0x0f, 0, cie.addressSize(), 0);
                        if (Long.compareUnsigned(target, pc) > 0) return;
                        s.location = target;
                    }
                    case 0x02 -> advance = c.u8() * ca;
                    case 0x03 -> advance = c.u16() * ca;
                    case 0x04 -> advance = c.u32() * ca;
                    case 0x05 -> s.rules.put(reg(c), new RegisterRule.Offset(c.uleb() * da));
                    case 0x06 -> restore(s, initial, reg(c));
                    case 0x07 -> s.rules.put(reg(c), new RegisterRule.Undefined());
                    case 0x08 -> s.rules.put(reg(c), new RegisterRule.SameValue());
                    case 0x09 -> {
                        int r = reg(c);
                        s.rules.put(r, new RegisterRule.InRegister(reg(c)));
                    }
                    case 0x0a -> {
                        if (remembered.size() >= MAX_REMEMBERED) throw c.error("remember_state nesting too deep");
                        remembered.push(s.copy());
                    }
                    case 0x0b -> {
                        if (remembered.isEmpty()) throw c.error("restore_state without remember_state");
                        State r = remembered.pop();
                        s.cfa = r.cfa;
                        s.rules = r.rules;
                        s.argsSize = r.argsSize;
                    }
                    case 0x0c -> s.cfa = new CfaRule.RegisterOffset(reg(c), c.uleb());
                    case 0x0d -> s.cfa = new CfaRule.RegisterOffset(reg(c), cfaOffset(c, s));
                    case 0x0e -> s.cfa = new CfaRule.RegisterOffset(cfaRegister(c, s), c.uleb());
                    case 0x0f -> s.cfa = new CfaRule.Expression(c.bytes(c.uleb()));
                    case 0x10 -> {
                        int r = reg(c);
                        s.rules.put(r, new RegisterRule.Expression(c.bytes(c.uleb())));
                    }
                    case 0x11 -> s.rules.put(reg(c), new RegisterRule.Offset(c.sleb() * da));
                    case 0x12 -> s.cfa = new CfaRule.RegisterOffset(reg(c), c.sleb() * da);
                    case 0x13 -> s.cfa = new CfaRule.RegisterOffset(cfaRegister(c, s), c.sleb() * da);
                    case 0x14 -> s.rules.put(reg(c), new RegisterRule.ValOffset(c.uleb() * da));
                    case 0x15 -> s.rules.put(reg(c), new RegisterRule.ValOffset(c.sleb() * da));
                    case 0x16 -> {
                        int r = reg(c);
                        s.rules.put(r, new RegisterRule.ValExpression(c.bytes(c.uleb())));
                    }
                    case 0x2d -> { } // GNU_window_save: SPARC only
                    case 0x2e -> s.argsSize = c.uleb();
                    case 0x2f -> s.rules.put(reg(c), new RegisterRule.Offset(-c.uleb() * da));
                    default -> throw c.error("unknown CFA instruction 0x" + Integer.toHexString(op));
                }
            }
            if (advance >= 0) {
                long next = s.location + advance;
                if (Long.compareUnsigned(next, pc) > 0) return;
                s.location = next;
            }
        }
    }

    private static void restore(State s, State initial, int register) {
        if (initial == null) {
            s.rules.remove(register); // restore inside a CIE: back to the default rule
            return;
        }
        RegisterRule r = initial.rules.get(register);
        if (r == null) s.rules.remove(register);
        else s.rules.put(register, r);
    }

    private static int reg(DwarfCursor c) {
        long r = c.uleb();
        if (r < 0 || r > 0xffff) throw c.error("register number " + r);
        return (int) r;
    }

    private static long cfaOffset(DwarfCursor c, State s) {
        if (s.cfa instanceof CfaRule.RegisterOffset ro) return ro.offset();
        throw new DwarfFormatException("def_cfa_register while the CFA is an expression");
    }

    private static int cfaRegister(DwarfCursor c, State s) {
        if (s.cfa instanceof CfaRule.RegisterOffset ro) return ro.register();
        throw c.error("def_cfa_offset while the CFA is an expression");
    }
}
