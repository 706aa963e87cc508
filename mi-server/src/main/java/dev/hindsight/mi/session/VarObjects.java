package dev.hindsight.mi.session;

import dev.hindsight.mi.commands.RegisterConsole;
import dev.hindsight.mi.commands.VectorRegisterVariable;
import dev.hindsight.mi.protocol.MiException;
import dev.hindsight.mi.protocol.MiList;
import dev.hindsight.mi.protocol.MiTuple;
import dev.hindsight.tracer.stack.Frame;
import dev.hindsight.tracer.Target;
import dev.hindsight.tracer.values.Variable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * gdb's variable objects: a named expression bound to the frame it was created in (by its
 * canonical frame address), its children created on demand, and the last value shown so
 * {@code -var-update} can list what changed.
 */
public final class VarObjects {
    private final MiSession session;
    private final Map<String, VarObj> objects = new LinkedHashMap<>();
    private int next = 1;

    private static final class VarObj {
        final String name, expression, exp;
        final long cfa;
        final int threadNumber;
        final boolean floating;
        String lastValue;
        String type;
        /** gdb's display format: natural, hexadecimal, decimal, octal, binary. */
        String format = "natural";
        int numChildren;
        boolean childrenListed;
        /** Assigned a new value: gdb's next -var-update lists it (its {@code updated} flag). */
        boolean assigned;
        /** The object this is a child of (null for a root), and its place among the parent's children. */
        VarObj parent;
        int index;
        /** gdb's -var-info-path-expression: an expression for this object alone, built from its parent's. */
        String path;
        /** gdb's {@code lang}: the language of the frame the root was created in. */
        String lang = "C";
        /** gdb's {@code -var-show-attributes}: a scalar or pointer lvalue can be assigned; aggregates and computed values cannot. */
        boolean editable;

        VarObj(String name, String expression, String exp, long cfa, int threadNumber, boolean floating) {
            this.name = name;
            this.expression = expression;
            this.exp = exp;
            this.cfa = cfa;
            this.threadNumber = threadNumber;
            this.floating = floating;
        }
    }

    VarObjects(MiSession session) {
        this.session = session;
    }

    /** {@code -var-create NAME FRAME EXPR}; FRAME {@code *} is the selected frame, {@code @} floating. */
    public MiTuple create(String name, String frameSpec, String expression) {
        if (beforeTheRun()) return createFromFile(name, expression);
        // running, gdb evaluates without a frame (globals, read as the program runs); such an
        // object is bound to no frame, as a floating one
        boolean running = session.running();
        Target t = running ? session.target() : session.stoppedTarget();
        Frame f = running ? null : session.frame();
        Variable v;
        try {
            v = running ? t.frames().evaluateWhileRunning(expression) : stoppedValue(t, expression, f);
        } catch (RuntimeException e) {
            throw new MiException("-var-create: unable to create variable object");
        }
        String n = name.equals("-") ? "var" + next++ : name;
        if (objects.containsKey(n)) throw new MiException("Duplicate variable object name");
        boolean global = running || needsNoFrame(t, expression, v);
        // gdb binds an object to a thread and frame only when its expression needed a block (locals, registers)
        VarObj o = new VarObj(n, expression, expression, global ? 0 : f.cfa(), global ? 0 : session.threadNumber(t.currentThread()),
                global || frameSpec.equals("@"));
        remember(o, v);
        o.path = expression;
        o.lang = f != null && f.source().map(l -> isCpp(l.file())).orElse(false) ? "C++" : "C";
        objects.put(n, o);
        MiTuple r = MiTuple.of().add("name", n).add("numchild", o.numChildren).add("value", display(v)).add("type", o.type);
        if (o.threadNumber != 0) r.add("thread-id", o.threadNumber);
        return r.add("has_more", "0");
    }

    /** No program yet, only its file: gdb reads values from the executable. */
    private boolean beforeTheRun() {
        return session.target() == null && session.program() != null;
    }

    /**
     * Before the run gdb makes the object from the executable file (a global's initial value,
     * a function's link address), bound to no frame; -var-update reads it from the program
     * once there is one.
     */
    private MiTuple createFromFile(String name, String expression) {
        Variable v;
        try {
            v = ProgramFile.of(session.program()).evaluate(expression);
        } catch (RuntimeException e) {
            throw new MiException("-var-create: unable to create variable object");
        }
        String n = name.equals("-") ? "var" + next++ : name;
        if (objects.containsKey(n)) throw new MiException("Duplicate variable object name");
        VarObj o = new VarObj(n, expression, expression, 0, 0, true); // bound to no frame, as a global made while stopped
        remember(o, v);
        o.path = expression;
        o.lang = "C";
        objects.put(n, o);
        return MiTuple.of().add("name", n).add("numchild", o.numChildren).add("value", display(v)).add("type", o.type).add("has_more", "0");
    }

    private void remember(VarObj o, Variable v) {
        o.lastValue = display(v);
        o.type = v.type();
        o.numChildren = childCount(v) + (pointeeChild(v) ? 1 : 0);
        // gdb's varobj_editable_p: an lvalue (in memory or a register) that is no struct, union or array
        boolean lvalue = v.address().isPresent() || v.isWritable();
        o.editable = lvalue && (!v.hasChildren() || v.type().endsWith("*"));
    }

    /**
     * A pointer the engine shows without children (a char pointer, shown as its string) that gdb
     * gives one child, its pointee ({@code *p}); not {@code void *} or a function pointer.
     */
    private static boolean pointeeChild(Variable v) {
        String t = v.type().replace("const ", "").replace("volatile ", "");
        return !v.hasChildren() && t.endsWith("*") && !t.startsWith("void *") && !t.contains("(*)") && !(v instanceof VectorRegisterVariable);
    }

    /** A variable under another name: the pointee of {@link #pointeeChild} as gdb names the child, {@code *EXP}. */
    private record Named(String name, Variable v) implements Variable {
        @Override public String type() { return v.type(); }
        @Override public String value(dev.hindsight.tracer.values.ValueFormat format) { return v.value(format); }
        @Override public java.util.OptionalLong address() { return v.address(); }
        @Override public boolean hasChildren() { return v.hasChildren(); }
        @Override public int childCount() { return v.childCount(); }
        @Override public boolean indexedChildren() { return v.indexedChildren(); }
        @Override public List<Variable> children(int start, int count) { return v.children(start, count); }
        @Override public boolean isWritable() { return v.isWritable(); }
    }

    private static boolean isCpp(String file) {
        return file.matches(".*\\.(cpp|cc|cxx|c\\+\\+|C|hpp|hh|hxx)$");
    }

    /** {@code -var-info-expression}: the object's language and its expression relative to its parent. */
    public MiTuple infoExpression(String name) {
        VarObj o = require(name);
        return MiTuple.of().add("lang", root(o).lang).add("exp", o.exp);
    }

    /** {@code -var-info-path-expression}: an expression that evaluates to the object on its own. */
    public String pathExpression(String name) {
        return require(name).path;
    }

    public String type(String name) {
        return require(name).type;
    }

    public String attributes(String name) {
        return require(name).editable ? "editable" : "noneditable";
    }

    private static VarObj root(VarObj o) {
        while (o.parent != null) o = o.parent;
        return o;
    }

    /** gdb's c_path_expr_of_child: a member through a pointer is {@code (P)->m}, an element {@code (P)[i]}, a pointee {@code *(P)}. */
    private static String childPath(String parentPath, Variable parent, Variable child, String exp) {
        if (child.name().startsWith("*")) return "*(" + parentPath + ")";
        if (parent.indexedChildren()) return "(" + parentPath + ")[" + exp + "]";
        if (parent.type().endsWith("*")) return "(" + parentPath + ")->" + exp;
        return "(" + parentPath + ")." + exp;
    }

    private static int childCount(Variable v) {
        return children(v).size();
    }

    /** gdb's children: members, elements, a pointer's pointee; for a pointer to a struct, the struct's members. */
    private static List<Variable> children(Variable v) {
        if (!v.hasChildren()) return List.of();
        List<Variable> c = v.children();
        if (v.type().endsWith("*") && c.size() == 1 && c.get(0).hasChildren() && !c.get(0).indexedChildren()
                && !c.get(0).type().endsWith("*")) {
            return c.get(0).children();
        }
        return c;
    }

    /** gdb shows aggregates as {@code {...}} and arrays as {@code [N]} in variable objects. */
    private static String display(Variable v) {
        if (v.type().endsWith("]") || v instanceof VectorRegisterVariable vr && vr.isArray()) return "[" + v.childCount() + "]";
        String text = VariableText.value(v);
        if (text.startsWith("{")) return "{...}";
        // a pointer shows as its address, without print's (type) prefix
        if (v.type().endsWith("*") && text.startsWith("(")) {
            int close = text.indexOf(") ");
            if (close > 0) return text.substring(close + 2);
        }
        return text;
    }

    private VarObj require(String name) {
        VarObj o = objects.get(name);
        if (o == null) throw new MiException("Variable object not found");
        return o;
    }

    /** The variable's frame as it is now; null when it is gone. */
    private Frame frameOf(VarObj o) {
        Target t = session.stoppedTarget();
        if (o.floating) return session.frame();
        for (Frame c : t.frames().backtrace(t.currentThread(), 256)) {
            if (c.cfa() == o.cfa) return c;
        }
        return null;
    }

    /** The variable as it is now, in its frame; empty when the frame is gone. */
    private Optional<Variable> current(VarObj o) {
        if (beforeTheRun()) {
            try {
                return Optional.of(ProgramFile.of(session.program()).evaluate(o.expression));
            } catch (RuntimeException e) {
                return Optional.empty();
            }
        }
        Frame f = frameOf(o);
        if (f == null) return Optional.empty();
        try {
            Target t = session.stoppedTarget();
            return Optional.of(stoppedValue(t, o.expression, f));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Whether the expression reads only globals (gdb found no block for it): it evaluates the same
     * without a frame, as gdb evaluates while the program runs, and names no register.
     */
    private static boolean needsNoFrame(Target t, String expression, Variable inFrame) {
        if (expression.contains("$")) return false;
        try {
            return display(t.frames().evaluateWhileRunning(expression)).equals(display(inFrame));
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** A register the evaluator does not know ({@code $st0}, {@code $k1}, a vector register or its lanes), or the expression in frame {@code f}. */
    private static Variable stoppedValue(Target t, String expression, Frame f) {
        return RegisterScalar.of(t, expression).or(() -> VectorRegisterVariable.of(t, expression))
                .orElseGet(() -> t.frames().evaluate(expression, f));
    }

    /** {@code -var-assign NAME EXPR}: writes the value into the program; gdb answers the new value. */
    public String assign(String name, String expression) {
        VarObj o = require(name);
        if (session.running()) return assignWhileRunning(o, expression);
        Frame f = frameOf(o);
        Variable v = current(o).orElseThrow(() -> new MiException("Variable object is out of scope"));
        if (v.hasChildren()) throw new MiException("-var-assign: Variable object is not editable");
        try {
            Variable now;
            if (v instanceof VectorRegisterVariable) {
                // a lane, or xmm's uint128, written as gdb's `set var $xmm0.v4_int32[1] = 7`
                if (!RegisterConsole.assign(session.stoppedTarget(), o.expression + " = " + expression.strip())) {
                    throw new IllegalStateException("not a register assignment");
                }
                now = current(o).orElseThrow();
            } else if (v instanceof RegisterScalar) {
                RegisterScalar.assign(session.stoppedTarget(), v, expression);
                now = current(o).orElseThrow();
            } else {
                now = session.stoppedTarget().frames().assign(v, expression, f);
            }
            o.assigned |= !display(now).equals(o.lastValue);
            remember(o, now);
            return formatted(o, now);
        } catch (RuntimeException e) {
            throw new MiException("-var-assign: Could not assign expression to variable object");
        }
    }

    /** Running, gdb assigns without a frame, through the program's memory, as it evaluates then. */
    private String assignWhileRunning(VarObj o, String expression) {
        Target t = session.target();
        try {
            Variable v = t.frames().evaluateWhileRunning(o.expression);
            if (v.hasChildren()) throw new MiException("-var-assign: Variable object is not editable");
            Variable now = t.frames().evaluateWhileRunning("(" + o.expression + ") = (" + expression + ")");
            o.assigned |= !display(now).equals(o.lastValue);
            remember(o, now);
            return formatted(o, now);
        } catch (MiException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new MiException("-var-assign: Could not assign expression to variable object");
        }
    }

    private static final java.util.Set<String> FORMATS = java.util.Set.of("natural", "hexadecimal", "decimal", "octal", "binary");

    /** {@code -var-set-format NAME FORMAT}: gdb answers the format and the value in it. */
    public MiTuple setFormat(String name, String format) {
        VarObj o = require(name);
        if (!FORMATS.contains(format)) {
            throw new MiException("Must specify the format as: \"natural\", \"binary\", \"decimal\", \"hexadecimal\", \"octal\" or \"zero-hexadecimal\"");
        }
        o.format = format;
        return MiTuple.of().add("format", format).add("value", evaluate(name));
    }

    public String showFormat(String name) {
        return require(name).format;
    }

    /** The value in the object's format: integers converted, everything else as natural. */
    private static String formatted(VarObj o, Variable v) {
        String natural = display(v);
        if (o.format.equals("natural") || o.format.equals("decimal") || v.hasChildren() || v.type().endsWith("*")) return natural;
        String hex = v.value(dev.hindsight.tracer.values.ValueFormat.HEX);
        if (!hex.matches("0x[0-9a-f]+")) return natural;
        // up to 128 bits: a vector register's widest lane
        java.math.BigInteger bits = new java.math.BigInteger(hex.substring(2), 16);
        return switch (o.format) {
            case "hexadecimal" -> hex;
            case "octal" -> "0" + bits.toString(8);
            default -> bits.toString(2);
        };
    }

    public String evaluate(String name) {
        VarObj o = require(name);
        if (session.running()) return o.lastValue; // gdb answers what it last read: -var-update reads again once stopped
        return current(o).map(v -> formatted(o, v)).orElseThrow(() -> new MiException("Variable object is out of scope"));
    }

    public MiTuple listChildren(String name, int printValues) {
        return listChildren(name, printValues, -1, -1);
    }

    /**
     * {@code -var-list-children NAME FROM TO}: children FROM to TO-1 (gdb's clamping: a negative
     * bound means all, TO past the end the end), {@code numchild} how many are listed and
     * {@code has_more} whether some follow TO. MIEngine asks for {@code 0 1000}.
     */
    public MiTuple listChildren(String name, int printValues, int from, int to) {
        VarObj o = require(name);
        Variable v = current(o).orElseThrow(() -> new MiException("Variable object is out of scope"));
        List<Variable> all = children(v);
        if (all.isEmpty() && pointeeChild(v)) {
            try {
                String pointee = "*(" + o.expression + ")";
                all = List.of(new Named("*" + o.exp, beforeTheRun() ? ProgramFile.of(session.program()).evaluate(pointee)
                        : stoppedValue(session.stoppedTarget(), pointee, frameOf(o))));
            } catch (RuntimeException e) {
                all = List.of(); // a pointer gdb cannot read through lists no child either
            }
        }
        if (from < 0 || to < 0) {
            from = 0;
            to = all.size();
        }
        to = Math.min(to, all.size());
        from = Math.min(from, to);
        MiList children = MiList.of();
        int count = 0;
        int index = from;
        for (Variable c : all.subList(from, to)) {
            String exp = c.name().startsWith("[") && c.name().endsWith("]") ? c.name().substring(1, c.name().length() - 1) : c.name();
            String childName = o.name + "." + exp;
            String childExpression = c.expression().orElse(null);
            if (childExpression == null) childExpression = v.indexedChildren() ? "(" + o.expression + ")[" + exp + "]"
                    : c.name().startsWith("*") ? "*(" + o.expression + ")" : "(" + o.expression + ")." + exp;
            VarObj co = objects.get(childName);
            if (co == null) {
                co = new VarObj(childName, childExpression, exp, o.cfa, o.threadNumber, o.floating);
                co.parent = o;
                co.path = childPath(o.path, v, c, exp);
                objects.put(childName, co);
            }
            co.index = index++;
            remember(co, c);
            MiTuple ct = MiTuple.of().add("name", childName).add("exp", exp).add("numchild", co.numChildren);
            if (printValues == 1 || (printValues == 2 && VariableText.simple(c))) ct.add("value", display(c));
            ct.add("type", co.type);
            if (co.threadNumber != 0) ct.add("thread-id", co.threadNumber);
            children.result("child", ct);
            count++;
        }
        o.childrenListed = true;
        MiTuple r = MiTuple.of().add("numchild", count);
        if (count > 0) r.add("children", children);
        return r.add("has_more", to < all.size() ? "1" : "0");
    }

    /** {@code -var-update}: the objects whose value changed since last shown (or went out of scope). */
    public MiList update(String name, int printValues) {
        MiList changes = MiList.of();
        // gdb updates no object of a running thread (all threads run together here): nothing changed yet
        if (session.running()) {
            if (!name.equals("*")) require(name);
            return changes;
        }
        List<VarObj> which = new ArrayList<>();
        if (name.equals("*")) {
            // gdb's roots newest first, each followed by its children
            List<VarObj> roots = new ArrayList<>();
            for (VarObj o : objects.values()) if (!o.name.contains(".")) roots.add(0, o);
            for (VarObj root : roots) addTree(root, which);
        } else {
            addTree(require(name), which);
        }
        for (VarObj o : which) {
            Optional<Variable> v = current(o);
            if (v.isEmpty()) {
                changes.value(MiTuple.of().add("name", o.name).add("in_scope", "false").add("type_changed", "false")
                        .add("has_more", "0"));
                continue;
            }
            String now = display(v.get());
            if (now.equals(o.lastValue) && !o.assigned) continue;
            o.lastValue = now;
            o.assigned = false;
            MiTuple c = MiTuple.of().add("name", o.name);
            if (printValues != 0) c.add("value", formatted(o, v.get()));
            changes.value(c.add("in_scope", "true").add("type_changed", "false").add("has_more", "0"));
        }
        return changes;
    }

    /** {@code o} and its descendants depth first, each object's children in their order in it, as gdb's varobj_update walks them. */
    private void addTree(VarObj o, List<VarObj> out) {
        out.add(o);
        List<VarObj> children = new ArrayList<>();
        for (VarObj c : objects.values()) if (c.parent == o) children.add(c);
        children.sort(java.util.Comparator.comparingInt(c -> c.index));
        for (VarObj c : children) addTree(c, out);
    }

    /** Deletes an object and its children; returns how many went. */
    public int delete(String name) {
        require(name);
        List<String> gone = new ArrayList<>();
        for (String n : objects.keySet()) if (n.equals(name) || n.startsWith(name + ".")) gone.add(n);
        gone.forEach(objects::remove);
        return gone.size();
    }

    void beforeResume() {
        // values are read again at -var-update; nothing cached refers to the stop
    }

    void clear() {
        objects.clear();
    }
}
