package dev.hindsight.tracer.dwarf.expr;

import static dev.hindsight.tracer.dwarf.expr.DwOp.*;

import dev.hindsight.tracer.dwarf.DwarfCursor;
import dev.hindsight.tracer.dwarf.DwarfFormatException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * The DWARF expression stack machine. Malformed bytecode raises {@link DwarfFormatException}; missing program state
 * or operations that cannot be answered honestly (entry values, implicit pointers, DWARF procedure calls) yield
 * {@link Location.Unavailable}. Evaluation is bounded in steps and stack depth, so hostile input cannot hang it.
 */
public final class ExpressionEvaluator {
    private static final int MAX_STACK = 1024;
    private static final int MAX_STEPS = 100_000;

    private final int addressSize;

    public ExpressionEvaluator(int addressSize) {
        this.addressSize = addressSize;
    }

    /** Signals that the expression needs state the context does not have. */
    private static final class Missing extends RuntimeException {
        Missing(String reason) {
            super(reason, null, false, false);
        }
    }

    /** Evaluates a location description; {@code initial} values are pushed first (e.g. the CFA for CFI rules). */
    public Location evaluate(byte[] expression, ExpressionContext ctx, long... initial) {
        if (expression.length == 0) return new Location.Unavailable("optimized out");
        try {
            return run(expression, ctx, initial);
        } catch (Missing m) {
            return new Location.Unavailable(m.getMessage());
        }
    }

    /** Evaluates an expression whose result is a plain value or address (CFA, frame base, DW_AT_data_member_location). */
    public OptionalLong evaluateAddress(byte[] expression, ExpressionContext ctx, long... initial) {
        Location l = evaluate(expression, ctx, initial);
        if (l instanceof Location.Memory m) return OptionalLong.of(m.address());
        if (l instanceof Location.Value v) return OptionalLong.of(v.value());
        return OptionalLong.empty();
    }

    private Location run(byte[] expression, ExpressionContext ctx, long[] initial) {
        DwarfCursor c = new DwarfCursor(ByteBuffer.wrap(expression), "expression");
        long[] stack = new long[16];
        int sp = 0;
        for (long v : initial) stack = push(stack, sp++, v);
        List<Location.Piece> pieces = new ArrayList<>();
        Location pending = null; // register, implicit value or stack value awaiting a piece or the end
        int steps = 0;
        while (c.hasRemaining()) {
            if (++steps > MAX_STEPS) throw c.error("expression step limit exceeded");
            int op = c.u8();
            if (pending != null && op != PIECE && op != BIT_PIECE && op != NOP) {
                throw c.error("operation 0x" + Integer.toHexString(op) + " after a register or implicit location");
            }
            if (op >= LIT0 && op <= LIT31) { stack = push(stack, sp++, op - LIT0); continue; }
            if (op >= REG0 && op <= REG31) { pending = new Location.Register(op - REG0); continue; }
            if (op >= BREG0 && op <= BREG31) { stack = push(stack, sp++, reg(ctx, op - BREG0) + c.sleb()); continue; }
            switch (op) {
                case ADDR -> stack = push(stack, sp++, ctx.relocate(c.address(addressSize)));
                case DEREF -> { need(c, sp, 1); stack[sp - 1] = mem(ctx, stack[sp - 1], addressSize); }
                case DEREF_SIZE -> { int n = size(c); need(c, sp, 1); stack[sp - 1] = mem(ctx, stack[sp - 1], n); }
                case XDEREF -> { need(c, sp, 2); sp--; stack[sp - 1] = mem(ctx, stack[sp], addressSize); }
                case XDEREF_SIZE -> { int n = size(c); need(c, sp, 2); sp--; stack[sp - 1] = mem(ctx, stack[sp], n); }
                case DEREF_TYPE, GNU_DEREF_TYPE -> {
                    int n = size(c);
                    c.uleb();
                    need(c, sp, 1);
                    stack[sp - 1] = mem(ctx, stack[sp - 1], n);
                }
                case CONST1U -> stack = push(stack, sp++, c.u8());
                case CONST1S -> stack = push(stack, sp++, c.s8());
                case CONST2U -> stack = push(stack, sp++, c.u16());
                case CONST2S -> stack = push(stack, sp++, (short) c.u16());
                case CONST4U -> stack = push(stack, sp++, c.u32());
                case CONST4S -> stack = push(stack, sp++, c.s32());
                case CONST8U, CONST8S -> stack = push(stack, sp++, c.u64());
                case CONSTU -> stack = push(stack, sp++, c.uleb());
                case CONSTS -> stack = push(stack, sp++, c.sleb());
                case ADDRX, CONSTX, GNU_ADDR_INDEX, GNU_CONST_INDEX -> {
                    long index = c.uleb();
                    long entry = known(ctx.indexedAddress(index), "no .debug_addr entry " + index);
                    stack = push(stack, sp++, op == ADDRX || op == GNU_ADDR_INDEX ? ctx.relocate(entry) : entry);
                }
                case CONST_TYPE, GNU_CONST_TYPE -> {
                    c.uleb();
                    byte[] bytes = c.bytes(c.u8());
                    long v = 0;
                    for (int i = Math.min(8, bytes.length) - 1; i >= 0; i--) v = (v << 8) | (bytes[i] & 0xff);
                    stack = push(stack, sp++, v);
                }
                case REGVAL_TYPE, GNU_REGVAL_TYPE -> {
                    int r = regNumber(c);
                    c.uleb();
                    stack = push(stack, sp++, reg(ctx, r));
                }
                case CONVERT, REINTERPRET, GNU_CONVERT, GNU_REINTERPRET -> c.uleb(); // values stay 64-bit generic
                case DUP -> { need(c, sp, 1); stack = push(stack, sp, stack[sp - 1]); sp++; }
                case DROP -> { need(c, sp, 1); sp--; }
                case OVER -> { need(c, sp, 2); stack = push(stack, sp, stack[sp - 2]); sp++; }
                case PICK -> {
                    int i = c.u8();
                    need(c, sp, i + 1);
                    stack = push(stack, sp, stack[sp - 1 - i]);
                    sp++;
                }
                case SWAP -> { need(c, sp, 2); long t = stack[sp - 1]; stack[sp - 1] = stack[sp - 2]; stack[sp - 2] = t; }
                case ROT -> {
                    need(c, sp, 3);
                    long top = stack[sp - 1];
                    stack[sp - 1] = stack[sp - 2];
                    stack[sp - 2] = stack[sp - 3];
                    stack[sp - 3] = top;
                }
                case ABS -> { need(c, sp, 1); stack[sp - 1] = Math.abs(stack[sp - 1]); }
                case NEG -> { need(c, sp, 1); stack[sp - 1] = -stack[sp - 1]; }
                case NOT -> { need(c, sp, 1); stack[sp - 1] = ~stack[sp - 1]; }
                case PLUS_UCONST -> { need(c, sp, 1); stack[sp - 1] += c.uleb(); }
                case AND, DIV, MINUS, MOD, MUL, OR, PLUS, SHL, SHR, SHRA, XOR, EQ, GE, GT, LE, LT, NE -> {
                    need(c, sp, 2);
                    long b = stack[--sp];
                    long a = stack[sp - 1];
                    stack[sp - 1] = binary(c, op, a, b);
                }
                case SKIP -> jump(c, c.s16());
                case BRA -> {
                    int delta = c.s16();
                    need(c, sp, 1);
                    if (stack[--sp] != 0) jump(c, delta);
                }
                case REGX -> pending = new Location.Register(regNumber(c));
                case BREGX -> {
                    int r = regNumber(c);
                    stack = push(stack, sp++, reg(ctx, r) + c.sleb());
                }
                case FBREG -> {
                    long offset = c.sleb();
                    stack = push(stack, sp++, known(ctx.frameBase(), "frame base unknown") + offset);
                }
                case CALL_FRAME_CFA -> stack = push(stack, sp++, known(ctx.cfa(), "CFA unknown"));
                case FORM_TLS_ADDRESS, GNU_PUSH_TLS_ADDRESS -> {
                    need(c, sp, 1);
                    stack[sp - 1] = known(ctx.threadLocalAddress(stack[sp - 1]), Location.Unavailable.NO_THREAD_LOCAL_STORAGE);
                }
                case IMPLICIT_VALUE -> pending = new Location.ImplicitValue(c.bytes(c.uleb()));
                case STACK_VALUE -> { need(c, sp, 1); pending = new Location.Value(stack[--sp]); }
                case IMPLICIT_POINTER, GNU_IMPLICIT_POINTER -> {
                    c.offset(false);
                    c.sleb();
                    throw new Missing("implicit pointer (value of pointed-to variable only)");
                }
                case ENTRY_VALUE, GNU_ENTRY_VALUE -> {
                    c.skip(c.uleb());
                    throw new Missing("entry value (value at function entry not recoverable)");
                }
                case CALL2, CALL4, CALL_REF -> throw new Missing("DWARF procedure calls are not supported");
                case PUSH_OBJECT_ADDRESS -> throw new Missing("no object address");
                case GNU_PARAMETER_REF, GNU_VARIABLE_VALUE -> throw new Missing("GNU parameter/variable reference");
                case GNU_UNINIT, NOP -> { }
                case PIECE, BIT_PIECE -> {
                    long size = op == PIECE ? c.uleb() * 8 : c.uleb();
                    long offset = op == BIT_PIECE ? c.uleb() : 0;
                    Location part;
                    if (pending != null) part = pending;
                    else if (sp > 0) part = new Location.Memory(stack[--sp]);
                    else part = new Location.Unavailable("optimized out");
                    pieces.add(new Location.Piece(part, size, offset));
                    pending = null;
                }
                default -> throw c.error("unknown DWARF operation 0x" + Integer.toHexString(op));
            }
        }
        if (!pieces.isEmpty()) {
            return pending == null ? new Location.Composite(List.copyOf(pieces)) : incomplete(c);
        }
        if (pending != null) return pending;
        if (sp == 0) throw c.error("expression left an empty stack");
        return new Location.Memory(stack[sp - 1]);
    }

    private static Location incomplete(DwarfCursor c) {
        throw c.error("location after the last piece");
    }

    private static long binary(DwarfCursor c, int op, long a, long b) {
        return switch (op) {
            case AND -> a & b;
            case OR -> a | b;
            case XOR -> a ^ b;
            case PLUS -> a + b;
            case MINUS -> a - b;
            case MUL -> a * b;
            case DIV -> {
                if (b == 0) throw c.error("division by zero");
                yield a / b;
            }
            case MOD -> {
                if (b == 0) throw c.error("modulo by zero");
                yield Long.remainderUnsigned(a, b);
            }
            case SHL -> b >= 64 || b < 0 ? 0 : a << b;
            case SHR -> b >= 64 || b < 0 ? 0 : a >>> b;
            case SHRA -> a >> (b >= 64 || b < 0 ? 63 : b);
            case EQ -> a == b ? 1 : 0;
            case NE -> a != b ? 1 : 0;
            case GE -> a >= b ? 1 : 0;
            case GT -> a > b ? 1 : 0;
            case LE -> a <= b ? 1 : 0;
            case LT -> a < b ? 1 : 0;
            default -> throw c.error("not a binary op");
        };
    }

    private static void jump(DwarfCursor c, int delta) {
        long target = (long) c.position() + delta;
        if (target < 0 || target > c.limit()) throw c.error("branch outside expression");
        c.seek(target);
    }

    private static int regNumber(DwarfCursor c) {
        long r = c.uleb();
        if (r < 0 || r > 0xffff) throw c.error("register number " + r);
        return (int) r;
    }

    private static int size(DwarfCursor c) {
        int n = c.u8();
        if (n < 1 || n > 8) throw c.error("dereference size " + n);
        return n;
    }

    private static void need(DwarfCursor c, int sp, int n) {
        if (sp < n) throw c.error("stack underflow");
    }

    private static long[] push(long[] stack, int sp, long v) {
        if (sp >= MAX_STACK) throw new DwarfFormatException("expression stack overflow");
        if (sp == stack.length) stack = java.util.Arrays.copyOf(stack, stack.length * 2);
        stack[sp] = v;
        return stack;
    }

    private static long reg(ExpressionContext ctx, int r) {
        return known(ctx.register(r), "register " + r + " unknown");
    }

    private static long mem(ExpressionContext ctx, long address, int size) {
        return known(ctx.readMemory(address, size), "memory at 0x" + Long.toHexString(address) + " unreadable");
    }

    private static long known(OptionalLong v, String reason) {
        if (v.isEmpty()) throw new Missing(reason);
        return v.getAsLong();
    }
}
