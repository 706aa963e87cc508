package dev.hindsight.tracer.values.scope;

import dev.hindsight.tracer.dwarf.DwarfFormatException;
import dev.hindsight.tracer.dwarf.info.CompilationUnit;
import dev.hindsight.tracer.dwarf.info.DebugInfo;
import dev.hindsight.tracer.dwarf.info.Die;
import dev.hindsight.tracer.dwarf.info.DieNames;
import dev.hindsight.tracer.dwarf.info.DieRanges;
import dev.hindsight.tracer.dwarf.info.DwTag;
import dev.hindsight.tracer.elf.ElfSymbol;
import dev.hindsight.tracer.elf.LoadedModule;
import dev.hindsight.tracer.stack.Frame;
import dev.hindsight.tracer.values.ProgramAccess;
import dev.hindsight.tracer.source.ModuleSource;
import dev.hindsight.tracer.values.Place;
import dev.hindsight.tracer.values.Value;
import dev.hindsight.tracer.values.types.Enumerator;
import dev.hindsight.tracer.values.types.Member;
import dev.hindsight.tracer.values.types.Type;
import dev.hindsight.tracer.values.types.TypeReader;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Name lookup for expressions, in gdb's order: the frame's blocks and parameters, members of
 * {@code this}, the unit's globals and function statics ({@code f::x}), the module's globals and
 * functions, then enumerators, then every other module's (gdb searches every objfile), an exported
 * global read where the program binds it; and types by name for casts.
 */
public final class Symbols {
    private final FrameScope scope;

    public Symbols(FrameScope scope) {
        this.scope = scope;
    }

    public Optional<Value> lookup(String name) {
        for (NamedValue nv : scope.allLocals()) if (nv.name().equals(name)) return Optional.of(nv.value());
        List<NamedValue> args = scope.arguments();
        for (NamedValue nv : args) if (nv.name().equals(name)) return Optional.of(nv.value());
        for (NamedValue nv : args) {
            if (nv.name().equals("this")) {
                Optional<Value> m = member(nv.value().dereference(), name);
                if (m.isPresent()) return m;
            }
        }
        Optional<Value> interposed = interposed(name);
        if (interposed.isPresent()) return interposed;
        Optional<Value> here = inModule(name);
        return here.isPresent() ? here : inOtherModules(name);
    }

    /** The unit's globals and statics, then the module's globals, functions, ELF aliases, and the unit's enumerators. */
    private Optional<Value> inModule(String name) {
        for (NamedValue nv : scope.globals()) if (nv.name().equals(name)) return Optional.of(nv.value());
        Optional<DebugInfo> info = info();
        if (info.isEmpty()) return Optional.empty();
        Definitions defs = Definitions.of(info.get());
        Optional<Die> global = defs.variable(name);
        if (global.isPresent()) return scope.variable(global.get()).map(NamedValue::value);
        Optional<Die> function = defs.function(name);
        if (function.isPresent()) return Optional.of(function(function.get()));
        Optional<Die> alias = aliasedVariable(name, defs);
        if (alias.isPresent()) return scope.variable(alias.get()).map(NamedValue::value);
        Optional<Die> aliasedFunction = aliasedFunction(name, defs);
        if (aliasedFunction.isPresent()) return Optional.of(function(aliasedFunction.get()));
        return enumerator(name);
    }

    /**
     * A name the frame's module does not know, in every other module in gdb's objfile order
     * ({@link LoadOrder}): another shared library's globals, libc's, a {@code dlopen}ed plugin's.
     */
    private Optional<Value> inOtherModules(String name) {
        Optional<LoadedModule> current = scope.module();
        ProgramAccess program = scope.context().program();
        for (LoadedModule m : LoadOrder.of(program)) {
            if (current.isPresent() && same(m, current.get())) continue;
            Optional<Value> there = new Symbols(scopeIn(program, m)).inModule(name);
            if (there.isPresent()) return there;
        }
        return Optional.empty();
    }

    /**
     * A global the frame's shared library exports that a module loaded before it exports too: the
     * program uses the first one (ld.so binds the name to it), and so does gdb, which reads that one.
     */
    private Optional<Value> interposed(String name) {
        Optional<LoadedModule> current = scope.module();
        if (current.isEmpty() || current.get().mainExecutable() || !exports(current.get(), name)) return Optional.empty();
        ProgramAccess program = scope.context().program();
        for (LoadedModule m : LoadOrder.of(program)) {
            if (same(m, current.get())) return Optional.empty();
            if (exports(m, name)) return new Symbols(scopeIn(program, m)).inModule(name);
        }
        return Optional.empty();
    }

    private static boolean exports(LoadedModule m, String name) {
        Optional<ElfSymbol> s = m.elf().symbols().symbol(name);
        return s.isPresent() && s.get().type() == ElfSymbol.STT_OBJECT
                && (s.get().binding() == ElfSymbol.STB_GLOBAL || s.get().binding() == ElfSymbol.STB_WEAK);
    }

    private static boolean same(LoadedModule a, LoadedModule b) {
        return a.path().equals(b.path()) && a.bias() == b.bias();
    }

    /** A module's scope without a frame: no locals, its globals found by name (as gdb's lookup without a block). */
    private FrameScope scopeIn(ProgramAccess program, LoadedModule m) {
        return FrameScope.of(program, new Frame(0, m.start(), 0, null, null, null, null, Map.of(), false, scope.frame().tid()));
    }

    /**
     * A variable known by another name at the same address in the ELF symbol table (glibc's
     * {@code environ} for {@code __environ}, {@code program_invocation_short_name} for
     * {@code __progname}): gdb finds it through the minimal symbol and its debug information.
     */
    private Optional<Die> aliasedVariable(String name, Definitions defs) {
        Optional<dev.hindsight.tracer.elf.SymbolTable> table = scope.module().map(m -> m.elf().symbols());
        Optional<ElfSymbol> symbol = table.flatMap(t -> t.symbol(name));
        if (symbol.isEmpty() || symbol.get().type() != ElfSymbol.STT_OBJECT) return Optional.empty();
        for (ElfSymbol other : table.get().all()) {
            if (other.value() != symbol.get().value() || other.type() != ElfSymbol.STT_OBJECT || other.name().equals(name)) continue;
            Optional<Die> d = defs.variable(other.name());
            if (d.isPresent()) return d;
        }
        return Optional.empty();
    }

    /**
     * A function known by another name at the same address in the ELF symbol table (glibc's
     * {@code puts} for {@code _IO_puts}, {@code printf} for {@code __printf}): gdb finds it through
     * the minimal symbol and the debug information of the function there.
     */
    private Optional<Die> aliasedFunction(String name, Definitions defs) {
        Optional<dev.hindsight.tracer.elf.SymbolTable> table = scope.module().map(m -> m.elf().symbols());
        Optional<ElfSymbol> symbol = table.flatMap(t -> t.symbol(name));
        if (symbol.isEmpty() || !symbol.get().isFunction()) return Optional.empty();
        for (ElfSymbol other : table.get().all()) {
            if (other.value() != symbol.get().value() || !other.isFunction() || other.name().equals(name)) continue;
            Optional<Die> d = defs.function(other.name());
            if (d.isPresent()) return d;
        }
        return Optional.empty();
    }

    private Optional<DebugInfo> info() {
        return scope.module().flatMap(m -> ModuleSource.of(m.elf()).debugInfo());
    }

    /** A member of a struct value by name, searching base classes too. */
    public static Optional<Value> member(Value object, String name) {
        Type t = object.type().strip();
        for (Member m : t.members()) {
            if (!m.base() && name.equals(m.name())) return Optional.of(object.member(m));
        }
        for (Member m : t.members()) {
            if (m.base() || m.name() == null) {
                Optional<Value> inner = member(object.member(m), name);
                if (inner.isPresent()) return inner;
            }
        }
        return Optional.empty();
    }

    private Value function(Die d) {
        // without a unit at the pc (no frame: a running program), the function's own unit's types
        Type type = scope.types().orElseGet(() -> TypeReader.of(d.unit().info())).read(d);
        long low = DieRanges.of(d).get(0).low() + scope.module().map(m -> m.bias()).orElse(0L);
        return new Value(type, new Place.Memory(low), scope.context());
    }

    private Optional<Value> enumerator(String name) {
        Optional<CompilationUnit> unit = scope.unit();
        if (unit.isEmpty()) return Optional.empty();
        for (Die d : unit.get().allDies()) {
            if (d.tag() != DwTag.ENUMERATION_TYPE) continue;
            for (Die e : d.children()) {
                if (e.tag() != DwTag.ENUMERATOR) continue;
                if (name.equals(e.name()) || name.equals(DieNames.qualifiedName(e))) {
                    Type type = scope.types().orElseThrow().read(d);
                    for (Enumerator en : type.enumerators()) {
                        if (en.name().equals(name) || en.name().endsWith("::" + name)) {
                            return Optional.of(Value.ofLong(type, en.value(), scope.context()));
                        }
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** A struct/union/enum by tag ({@code tag} non-zero) or a typedef or C++ class by name: this unit first, then the module's. */
    public Optional<Type> type(String name, int tag) {
        Optional<CompilationUnit> unit = scope.unit();
        if (unit.isEmpty()) return Optional.empty();
        Optional<Type> here = type(unit.get(), name, tag);
        if (here.isPresent()) return here;
        for (CompilationUnit other : unit.get().info().units()) {
            if (other == unit.get()) continue;
            Optional<Type> there = type(other, name, tag);
            if (there.isPresent()) return there;
        }
        return Optional.empty();
    }

    private Optional<Type> type(CompilationUnit unit, String name, int tag) {
        var reader = scope.types().orElseThrow();
        int[] tags = tag != 0 ? new int[] {tag}
                : new int[] {DwTag.TYPEDEF, DwTag.STRUCTURE_TYPE, DwTag.CLASS_TYPE, DwTag.UNION_TYPE, DwTag.ENUMERATION_TYPE, DwTag.BASE_TYPE};
        boolean cplus = scope.cplus();
        for (int t : tags) {
            if (tag == 0 && !cplus && t != DwTag.TYPEDEF && t != DwTag.BASE_TYPE) continue;
            try {
                Optional<Type> found = reader.named(unit, name, t);
                if (found.isPresent()) return found;
                if (t == DwTag.STRUCTURE_TYPE && tag != 0) {
                    found = reader.named(unit, name, DwTag.CLASS_TYPE);
                    if (found.isPresent()) return found;
                }
            } catch (DwarfFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}
