package dev.hindsight.tracer.values.expr;

import dev.hindsight.tracer.arch.Architecture;
import dev.hindsight.tracer.arch.RegisterView;
import dev.hindsight.tracer.dwarf.info.DwTag;
import dev.hindsight.tracer.values.Assignment;
import dev.hindsight.tracer.values.Conversions;
import dev.hindsight.tracer.values.EvaluationException;
import dev.hindsight.tracer.values.Place;
import dev.hindsight.tracer.values.Value;
import dev.hindsight.tracer.values.ValueContext;
import dev.hindsight.tracer.values.cxx.Container;
import dev.hindsight.tracer.values.cxx.StdContainers;
import dev.hindsight.tracer.values.scope.FrameScope;
import dev.hindsight.tracer.values.scope.Symbols;
import dev.hindsight.tracer.values.types.Type;
import dev.hindsight.tracer.values.types.TypeNames;
import java.util.List;
import java.util.Optional;

/** Evaluates C expressions in a frame's scope, with gdb's semantics and error messages. */
public final class ExpressionEvaluator {
    private final FrameScope scope;
    private final Symbols symbols;
    private final ValueContext ctx;

    public ExpressionEvaluator(FrameScope scope) {
        this.scope = scope;
        this.symbols = new Symbols(scope);
        this.ctx = scope.context();
    }

    public Value evaluate(String expression) {
        Node n = Parser.parse(expression, name -> symbols.type(name, 0).isPresent());
        return eval(n);
    }

    private Value eval(Node n) {
        if (n instanceof Node.Number num) return Literals.number(num.text(), ctx);
        if (n instanceof Node.CharLiteral c) return Literals.character(c.text(), ctx);
        if (n instanceof Node.StringLiteral s) return Literals.string(s.text(), ctx);
        if (n instanceof Node.Name name) {
            return symbols.lookup(name.name())
                    .orElseThrow(() -> new EvaluationException("No symbol \"" + name.name() + "\" in current context."));
        }
        if (n instanceof Node.Register r) return register(r.name());
        if (n instanceof Node.Unary u) return unary(u.op(), u.operand());
        if (n instanceof Node.Binary b) return binary(b);
        if (n instanceof Node.Conditional c) return truth(eval(c.condition())) ? eval(c.then()) : eval(c.otherwise());
        if (n instanceof Node.Assign a) {
            Value target = eval(a.target());
            Assignment.write(target, rvalue(eval(a.value())));
            return target;
        }
        if (n instanceof Node.Member m) return member(m);
        if (n instanceof Node.Index i) return index(eval(i.array()), eval(i.index()));
        if (n instanceof Node.Cast c) return Conversions.cast(rvalue(eval(c.operand())), type(c.type()));
        if (n instanceof Node.SizeofType s) return Value.ofLong(Builtins.UNSIGNED_LONG, Math.max(1, type(s.type()).size()), ctx);
        if (n instanceof Node.SizeofValue s) return Value.ofLong(Builtins.UNSIGNED_LONG, Math.max(1, eval(s.operand()).type().size()), ctx);
        throw new EvaluationException("unsupported expression");
    }

    /** References read as what they refer to. */
    private static Value rvalue(Value v) {
        return v.type().isReference() ? v.dereference() : v;
    }

    /** {@code $name}: a register of the program's architecture as gdb names it; void for a name it has none by. */
    private Value register(String name) {
        Architecture arch = ctx.program().architecture();
        RegisterView view = arch.registerView(name);
        if (view == null) return Value.ofBytes(Builtins.VOID, new byte[0], ctx);
        Type type = Builtins.of(view, arch);
        if (view.dwarf() < 0) return Value.ofLong(type, ctx.program().namedRegister(name), ctx);
        if (arch.dwarfVectorRegister(view.dwarf()) >= 0) {
            byte[] bytes = view.size() > 16 ? ctx.wideVectorBytes(view.dwarf(), view.size()) : ctx.registerBytes(view.dwarf());
            if (bytes == null) return new Value(type, new Place.Unavailable("not saved"), ctx);
            return Value.ofBytes(type, java.util.Arrays.copyOf(bytes, view.size()), ctx);
        }
        if (ctx.register(view.dwarf()).isEmpty()) return new Value(type, new Place.Unavailable("not saved"), ctx);
        if (view.size() == 8) return new Value(type, new Place.Register(view.dwarf()), ctx);
        return Value.ofLong(type, ctx.register(view.dwarf()).getAsLong(), ctx);
    }

    private Value unary(String op, Node operand) {
        if (op.equals("&")) {
            Value v = eval(operand);
            if (v.isBitfield()) throw new EvaluationException("Attempt to take address of value not located in memory.");
            Type t = v.type().strip();
            if (t.isReference()) return Value.ofLong(Type.pointerTo(t.target()), v.asLong(), ctx);
            return Value.ofLong(Type.pointerTo(v.type()), v.address(), ctx);
        }
        Value v = rvalue(eval(operand));
        Type t = v.type().strip();
        switch (op) {
            case "*" -> {
                if (t.kind() == Type.Kind.ARRAY) return v.element(0);
                if (t.kind() == Type.Kind.FUNCTION) return v;
                if (t.isIntegral()) return new Value(Builtins.INT, new Place.Memory(v.asLong()), ctx); // gdb: an integer is an address
                Optional<Value> smart = StdContainers.pointee(v);
                if (smart.isPresent()) return smart.get(); // libstdc++'s operator*, an xmethod in gdb
                if (t.kind() != Type.Kind.POINTER) throw new EvaluationException("Attempt to take contents of a non-pointer value.");
                if (t.target() == null || t.target().strip().kind() == Type.Kind.VOID) {
                    throw new EvaluationException("Attempt to take contents of a non-pointer value.");
                }
                return v.dereference();
            }
            case "-", "+", "~" -> {
                if (!t.isScalar() || t.isPointerLike()) throw new EvaluationException("Argument to arithmetic operation not a number or boolean.");
                Type p = Arithmetic.promote(v);
                if (p.isFloat()) {
                    if (op.equals("~")) throw new EvaluationException("Argument to complement operation not an integer, boolean.");
                    return Value.ofDouble(p, op.equals("-") ? -v.asDouble() : v.asDouble(), ctx);
                }
                long x = Conversions.cast(v, p).asLong();
                return Value.ofLong(p, op.equals("-") ? -x : op.equals("~") ? ~x : x, ctx);
            }
            case "!" -> {
                return Value.ofLong(truthType(), truth(v) ? 0 : 1, ctx);
            }
            default -> throw new EvaluationException("unknown operator " + op);
        }
    }

    private boolean truth(Value v) {
        v = rvalue(v);
        Type t = v.type().strip();
        if (t.kind() == Type.Kind.ARRAY) return true;
        if (!t.isScalar()) throw new EvaluationException("Argument to arithmetic operation not a number or boolean.");
        return t.isFloat() ? v.asDouble() != 0 : v.asLong() != 0;
    }

    private Value binary(Node.Binary b) {
        if (b.op().equals("&&")) {
            return Value.ofLong(truthType(), truth(eval(b.left())) && truth(eval(b.right())) ? 1 : 0, ctx);
        }
        if (b.op().equals("||")) {
            return Value.ofLong(truthType(), truth(eval(b.left())) || truth(eval(b.right())) ? 1 : 0, ctx);
        }
        if (b.op().equals("@")) return artificialArray(rvalue(eval(b.left())), rvalue(eval(b.right())));
        return Arithmetic.binary(b.op(), rvalue(eval(b.left())), rvalue(eval(b.right())), truthType(), ctx);
    }

    /** gdb's {@code *p@3}: that many objects of the left operand's type from its address. */
    private Value artificialArray(Value first, Value count) {
        if (!count.type().isIntegral()) throw new EvaluationException("Argument to arithmetic operation not a number or boolean.");
        long n = count.asLong();
        if (n <= 0) throw new EvaluationException("Invalid number " + n + " of repetitions.");
        if (!first.inMemory() || first.isBitfield()) throw new EvaluationException("Only values in memory can be extended with '@'.");
        return new Value(Type.arrayOf(first.type(), n), new Place.Memory(first.address()), ctx);
    }

    /** Comparisons and logical operators give int in C, bool in C++. */
    private Type truthType() {
        return scope.cplus() ? Builtins.BOOL : Builtins.INT;
    }

    private Value member(Node.Member m) {
        Value object = rvalue(eval(m.object()));
        Type t = object.type().strip();
        Optional<Value> smart = m.arrow() ? StdContainers.pointee(object) : Optional.empty();
        if (smart.isPresent()) {
            object = smart.get();
            t = object.type().strip();
        } else if (t.kind() == Type.Kind.POINTER) {
            object = object.dereference();
            t = object.type().strip();
        } else if (m.arrow()) {
            throw new EvaluationException("The -> operator must be applied to a pointer or a struct/class/union value.");
        }
        if (!t.isAggregate()) {
            throw new EvaluationException("Attempt to extract a component of a value that is not a structure"
                    + (m.arrow() ? " pointer." : "."));
        }
        Optional<Value> v = Symbols.member(object, m.member());
        return v.orElseThrow(() -> new EvaluationException("There is no member named " + m.member() + "."));
    }

    private Value index(Value array, Value index) {
        array = rvalue(array);
        index = rvalue(index);
        Type t = array.type().strip();
        if (!index.type().isIntegral()) throw new EvaluationException("Argument to arithmetic operation not a number or boolean.");
        if (t.kind() == Type.Kind.ARRAY) {
            if (!array.inMemory()) return array.element(index.asLong());
            return new Value(t.target(), new Place.Memory(array.address() + index.asLong() * Math.max(1, t.target().size())), ctx);
        }
        Optional<Container> container = StdContainers.of(array);
        if (container.isPresent() && container.get().kind() == Container.Kind.ARRAY) {
            // libstdc++'s operator[] (gdb has it as an xmethod), without bounds checks like the real one.
            long i = index.asLong();
            if (i >= 0 && i < container.get().size()) return container.get().elements().read((int) i, 1).get(0).value();
            throw new EvaluationException("index " + i + " out of range of a container of " + container.get().size());
        }
        if (t.kind() == Type.Kind.POINTER) {
            Value p = Arithmetic.binary("+", array, index, Builtins.INT, ctx);
            return p.dereference();
        }
        if (container.isPresent()) throw new EvaluationException("Could not find operator[].");
        throw new EvaluationException("cannot subscript something of type `" + TypeNames.of(t) + "'");
    }

    private Type type(Node.TypeName name) {
        List<String> words = name.words();
        Type base;
        String first = words.get(0);
        if (first.equals("struct") || first.equals("union") || first.equals("enum") || first.equals("class")) {
            if (words.size() < 2) throw new EvaluationException("A syntax error in expression, near `'.");
            int tag = switch (first) {
                case "union" -> DwTag.UNION_TYPE;
                case "enum" -> DwTag.ENUMERATION_TYPE;
                case "class" -> DwTag.CLASS_TYPE;
                default -> DwTag.STRUCTURE_TYPE;
            };
            base = symbols.type(words.get(1), tag)
                    .orElseThrow(() -> new EvaluationException("No " + first + " type named " + words.get(1) + "."));
        } else {
            List<String> specifiers = words.stream().filter(w -> !w.equals("const") && !w.equals("volatile")).toList();
            Type builtin = specifiers.size() == 1 && !Parser.TYPE_WORDS.contains(specifiers.get(0)) ? null
                    : Builtins.fromWords(specifiers, scope.cplus());
            if (builtin == null) {
                base = symbols.type(specifiers.get(0), 0)
                        .orElseThrow(() -> new EvaluationException("No symbol \"" + specifiers.get(0) + "\" in current context."));
            } else {
                base = builtin;
            }
        }
        Type t = base;
        for (int i = 0; i < name.pointers(); i++) t = Type.pointerTo(t);
        return t;
    }
}
