package dev.hindsight.tracer.values.scope;

import dev.hindsight.tracer.stack.Frame;
import dev.hindsight.tracer.dwarf.DwarfFormatException;
import dev.hindsight.tracer.dwarf.expr.ExpressionContext;
import dev.hindsight.tracer.dwarf.expr.ExpressionEvaluator;
import dev.hindsight.tracer.dwarf.expr.Location;
import dev.hindsight.tracer.dwarf.expr.LocationLists;
import dev.hindsight.tracer.dwarf.info.CompilationUnit;
import dev.hindsight.tracer.dwarf.info.Die;
import dev.hindsight.tracer.dwarf.info.DieNames;
import dev.hindsight.tracer.dwarf.info.DwAt;
import dev.hindsight.tracer.dwarf.info.DwForm;
import dev.hindsight.tracer.dwarf.info.DwTag;
import dev.hindsight.tracer.dwarf.info.PcScope;
import dev.hindsight.tracer.elf.LoadedModule;
import dev.hindsight.tracer.source.ModuleSource;
import dev.hindsight.tracer.values.Place;
import dev.hindsight.tracer.values.ProgramAccess;
import dev.hindsight.tracer.values.Value;
import dev.hindsight.tracer.values.ValueContext;
import dev.hindsight.tracer.values.types.Type;
import dev.hindsight.tracer.values.types.TypeReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The variables a frame can see: the lexical blocks containing its pc (innermost first), the
 * function's parameters, and its unit's globals and statics. Callers are looked up at pc-1 (the
 * call, not the return address) and read through their recovered registers.
 */
public final class FrameScope {
    private final ValueContext ctx;
    private final Frame frame;
    private final LoadedModule module;
    private final long linkPc;
    private final PcScope scope;
    private final TypeReader types;
    private final ExpressionContext expr;

    private FrameScope(ProgramAccess program, Frame frame, LoadedModule module, PcScope scope, long linkPc) {
        // A frame inlined into the executing function shares its live registers, which may be written.
        boolean live = frame.index() == 0 || frame.registers().equals(program.liveRegisters());
        this.ctx = new ValueContext(program, frame.registers(), live, module == null ? 0 : module.bias());
        this.frame = frame;
        this.module = module;
        this.scope = scope;
        this.linkPc = linkPc;
        this.types = scope == null ? null : TypeReader.of(scope.unit().info());
        this.expr = new Context(scope == null ? null : scope.unit());
    }

    /** The scope of a frame; without debug information at its pc, a scope with no variables. */
    public static FrameScope of(ProgramAccess program, Frame frame) {
        long lookup = frame.scopePc();
        Optional<LoadedModule> m = program.modules().moduleAt(lookup);
        PcScope scope = null;
        long link = lookup;
        if (m.isPresent()) {
            link = lookup - m.get().bias();
            scope = ModuleSource.of(m.get().elf()).scopeAt(link).orElse(null);
        }
        return new FrameScope(program, frame, m.orElse(null), scope, link);
    }

    public ValueContext context() { return ctx; }

    public Frame frame() { return frame; }

    /** The unit of the frame's pc, or empty without debug information. */
    public Optional<CompilationUnit> unit() {
        return Optional.ofNullable(scope).map(PcScope::unit);
    }

    public Optional<TypeReader> types() {
        return Optional.ofNullable(types);
    }

    public Optional<LoadedModule> module() {
        return Optional.ofNullable(module);
    }

    public boolean cplus() {
        return scope != null && TypeReader.isCplus(scope.unit());
    }

    /**
     * The frame's own DIEs, innermost block first, ending with its function: for an inlined call
     * (inline depth n) the n-th DW_TAG_inlined_subroutine of the scope chain and the blocks inside
     * it up to the next inlined call; for the out-of-line function, the blocks before the first.
     */
    List<Die> blocks() {
        List<Die> out = new ArrayList<>();
        if (scope == null) return out;
        List<Die> chain = scope.chain();
        List<Integer> functions = new ArrayList<>();
        for (int i = 0; i < chain.size(); i++) {
            int tag = chain.get(i).tag();
            if (tag == DwTag.SUBPROGRAM && functions.isEmpty() || tag == DwTag.INLINED_SUBROUTINE) functions.add(i);
        }
        if (functions.isEmpty()) return out;
        int depth = Math.min(Math.max(0, frame.inlineDepth()), functions.size() - 1);
        int start = functions.get(depth);
        int end = depth + 1 < functions.size() ? functions.get(depth + 1) : chain.size();
        for (int i = end - 1; i >= start; i--) out.add(chain.get(i));
        return out;
    }

    Optional<Die> function() {
        List<Die> b = blocks();
        return b.isEmpty() ? Optional.empty() : Optional.of(b.get(b.size() - 1));
    }

    /**
     * Locals of every block in scope, innermost block first, declaration order within a block. As
     * gdb's {@code info locals}, without constants the compiler gave as bytes (a folded
     * {@code long double}); expressions still find those by name ({@link #allLocals()}).
     */
    public List<NamedValue> locals() {
        List<NamedValue> out = new ArrayList<>();
        for (Die block : blocks()) {
            for (Die d : children(block, DwTag.VARIABLE)) if (!byteConstant(d)) variable(d).ifPresent(out::add);
        }
        return out;
    }

    /** Every local in scope, byte constants included, for name lookup. */
    List<NamedValue> allLocals() {
        List<NamedValue> out = new ArrayList<>();
        for (Die block : blocks()) {
            for (Die d : children(block, DwTag.VARIABLE)) variable(d).ifPresent(out::add);
        }
        return out;
    }

    /** A DW_AT_const_value that gdb keeps as bytes (LOC_CONST_BYTES): a block, data16 or data8. */
    private static boolean byteConstant(Die d) {
        return d.attribute(DwAt.CONST_VALUE).map(a -> DwForm.isBlock(a.form()) || a.form() == DwForm.DATA16
                || a.form() == DwForm.DATA8).orElse(false);
    }

    public List<NamedValue> arguments() {
        List<NamedValue> out = new ArrayList<>();
        function().ifPresent(f -> {
            for (Die d : children(f, DwTag.FORMAL_PARAMETER)) variable(d).ifPresent(out::add);
        });
        return out;
    }

    /**
     * A scope's children of one tag; for an inlined or out-of-line instance, followed (as gdb does)
     * by those of its abstract origin that the instance does not mention: optimized out entirely.
     */
    private static List<Die> children(Die scope, int tag) {
        List<Die> out = new ArrayList<>();
        java.util.Set<Long> concrete = new java.util.HashSet<>();
        for (Die d : scope.children()) {
            if (d.tag() != tag) continue;
            out.add(d);
            d.reference(DwAt.ABSTRACT_ORIGIN).ifPresent(o -> concrete.add(o.offset()));
        }
        Optional<Die> origin = scope.reference(DwAt.ABSTRACT_ORIGIN);
        if (origin.isPresent() && origin.get() != scope) {
            for (Die d : origin.get().children()) if (d.tag() == tag && !concrete.contains(d.offset())) out.add(d);
        }
        return out;
    }

    /** File-scope variables of the unit (namespaces included), then function statics as {@code f::x}. */
    public List<NamedValue> globals() {
        List<NamedValue> out = new ArrayList<>();
        if (scope == null) return out;
        List<NamedValue> statics = new ArrayList<>();
        collectGlobals(scope.unit().root(), out, statics);
        out.addAll(statics);
        return out;
    }

    private void collectGlobals(Die parent, List<NamedValue> out, List<NamedValue> statics) {
        for (Die d : parent.children()) {
            if (d.tag() == DwTag.VARIABLE) {
                if (d.flag(DwAt.DECLARATION) && !d.has(DwAt.LOCATION)) continue;
                String name = cplus() ? DieNames.qualifiedName(d) : DieNames.name(d);
                if (name == null) continue;
                variable(d).ifPresent(v -> out.add(new NamedValue(name, v.value())));
            } else if (d.tag() == DwTag.NAMESPACE) {
                collectGlobals(d, out, statics);
            } else if (d.tag() == DwTag.SUBPROGRAM || d.tag() == DwTag.LEXICAL_BLOCK) {
                collectStatics(d, d.tag() == DwTag.SUBPROGRAM ? d : null, statics);
            }
        }
    }

    private void collectStatics(Die parent, Die function, List<NamedValue> statics) {
        for (Die d : parent.children()) {
            if (d.tag() == DwTag.VARIABLE && isStatic(d)) {
                String fn = function == null ? null : DieNames.qualifiedName(function);
                String name = DieNames.name(d);
                if (name != null) variable(d).ifPresent(v -> statics.add(new NamedValue(fn == null ? name : fn + "::" + name, v.value())));
            } else if (d.tag() == DwTag.LEXICAL_BLOCK) {
                collectStatics(d, function, statics);
            }
        }
    }

    /** A variable with a fixed address: its location is just DW_OP_addr or DW_OP_addrx. */
    static boolean isStatic(Die d) {
        Optional<byte[]> loc = d.block(DwAt.LOCATION);
        if (loc.isEmpty() || loc.get().length == 0) return false;
        int op = loc.get()[0] & 0xff;
        return op == 0x03 || op == 0xa1;
    }

    /** A variable or parameter DIE as a value at this frame's pc. */
    public Optional<NamedValue> variable(Die d) {
        String name = DieNames.name(d);
        // without a unit at the pc (no frame: a running program's globals), the variable's own unit's types
        TypeReader reader = types != null ? types : TypeReader.of(d.unit().info());
        if (name == null) return Optional.empty();
        Type type;
        try {
            type = reader.typeOf(d);
        } catch (DwarfFormatException e) {
            return Optional.empty();
        }
        Die concrete = d;
        if (d.flag(DwAt.DECLARATION) && !d.has(DwAt.LOCATION)) {
            Optional<Die> def = ModuleSource.of(module.elf()).debugInfo().flatMap(i -> Definitions.of(i).variable(name));
            if (def.isPresent()) concrete = def.get();
        }
        Place place = DieLocation.of(concrete, type, linkPc, scope == null ? new Context(concrete.unit()) : expr, ctx);
        if (!concrete.has(DwAt.LOCATION) && !concrete.has(DwAt.CONST_VALUE)) place = threadLocalBySymbol(concrete, name).orElse(place);
        return Optional.of(new NamedValue(name, new Value(type, place, ctx)));
    }

    /**
     * A thread-local variable the compiler gave no location (gcc and clang on AArch64 emit none,
     * having no DWARF relocation for a TLS offset), found as gdb finds it: by its ELF {@code STT_TLS}
     * symbol, whose value is its offset in the module's TLS block.
     */
    private Optional<Place> threadLocalBySymbol(Die variable, String name) {
        if (module == null) return Optional.empty();
        String symbolName = variable.string(DwAt.LINKAGE_NAME).orElse(name);
        Optional<dev.hindsight.tracer.elf.ElfSymbol> symbol = module.elf().symbols().threadLocal(symbolName);
        if (symbol.isEmpty()) return Optional.empty();
        OptionalLong address = ThreadLocalStorage.address(ctx.program(), module, symbol.get().value());
        return Optional.of(address.isPresent() ? new Place.Memory(address.getAsLong()) : new Place.Unavailable(dev.hindsight.tracer.dwarf.expr.Location.Unavailable.NO_THREAD_LOCAL_STORAGE));
    }

    /** The frame base of the function (DW_AT_frame_base), for DW_OP_fbreg. */
    private OptionalLong frameBase() {
        // Inlined calls have no frame of their own: the out-of-line function's frame base serves.
        Optional<Die> function = scope == null ? Optional.empty() : scope.function();
        for (Die d : function.stream().toList()) {
            Optional<byte[]> fb = LocationLists.expressionAt(d, DwAt.FRAME_BASE, linkPc);
            if (fb.isEmpty()) return OptionalLong.empty();
            Location l = new ExpressionEvaluator(d.unit().addressSize()).evaluate(fb.get(), expr);
            if (l instanceof Location.Register r) return ctx.register(r.dwarfRegister());
            if (l instanceof Location.Memory m) return OptionalLong.of(m.address());
            if (l instanceof Location.Value v) return OptionalLong.of(v.value());
            return OptionalLong.empty();
        }
        return OptionalLong.empty();
    }

    /** What DWARF expressions of this frame see; {@code unit}'s address table for DW_OP_addrx. */
    private final class Context implements ExpressionContext {
        private final CompilationUnit unit;

        Context(CompilationUnit unit) {
            this.unit = unit;
        }

        @Override
        public OptionalLong register(int r) {
            return ctx.register(r);
        }

        @Override
        public OptionalLong readMemory(long address, int size) {
            byte[] b = ctx.readSome(address, size);
            if (b.length < size) return OptionalLong.empty();
            byte[] eight = java.util.Arrays.copyOf(b, 8);
            return OptionalLong.of(ByteBuffer.wrap(eight).order(ByteOrder.LITTLE_ENDIAN).getLong());
        }

        @Override
        public OptionalLong frameBase() {
            return FrameScope.this.frameBase();
        }

        @Override
        public OptionalLong cfa() {
            return frame.cfa() != 0 ? OptionalLong.of(frame.cfa()) : OptionalLong.empty();
        }

        @Override
        public OptionalLong pc() {
            return OptionalLong.of(frame.pc());
        }

        @Override
        public OptionalLong fsBase() {
            return OptionalLong.of(ctx.program().threadPointer());
        }

        @Override
        public OptionalLong threadLocalAddress(long offset) {
            return ThreadLocalStorage.address(ctx.program(), module, offset);
        }

        @Override
        public long relocate(long linkAddress) {
            return linkAddress + (module == null ? 0 : module.bias());
        }

        @Override
        public OptionalLong indexedAddress(long index) {
            if (unit == null) return OptionalLong.empty();
            try {
                return OptionalLong.of(unit.root().indexedAddress(index));
            } catch (DwarfFormatException e) {
                return OptionalLong.empty();
            }
        }
    }
}
