package dev.hindsight.mi.session;

import dev.hindsight.mi.commands.RegisterConsole;
import dev.hindsight.tracer.Target;
import dev.hindsight.tracer.values.ValueFormat;
import dev.hindsight.tracer.values.Variable;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * {@code $stN} and {@code $kN} as gdb's variable objects show them (types
 * {@code builtin_type_i387_ext} and {@code uint64_t}): registers the expression evaluator does
 * not know, read and written through {@link RegisterConsole}, as {@code print} and {@code set var} do.
 */
final class RegisterScalar implements Variable {
    private static final Pattern NAME = Pattern.compile("\\$(st[0-7]|k[0-7])");

    private final String expression;
    private final String natural;
    private final String hex;

    private RegisterScalar(String expression, String natural, String hex) {
        this.expression = expression;
        this.natural = natural;
        this.hex = hex;
    }

    /** The register {@code expression} names, as it is now; empty for any other expression. */
    static Optional<Variable> of(Target t, String expression) {
        String e = expression.strip();
        if (!NAME.matcher(e).matches()) return Optional.empty();
        Optional<String> natural = RegisterConsole.print(t, e, false);
        if (natural.isEmpty()) return Optional.empty();
        return Optional.of(new RegisterScalar(e, natural.get(), RegisterConsole.print(t, e, true).orElse(natural.get())));
    }

    /** Writes {@code value} to the register {@code v} names (gdb's -var-assign), as {@code set var $st0 = V}. */
    static void assign(Target t, Variable v, String value) {
        if (!RegisterConsole.assign(t, ((RegisterScalar) v).expression + " = " + value.strip())) {
            throw new IllegalStateException("not a register assignment");
        }
    }

    @Override public String name() { return expression; }

    @Override public String type() { return expression.startsWith("$st") ? "builtin_type_i387_ext" : "uint64_t"; }

    @Override public String value(ValueFormat format) { return format == ValueFormat.HEX ? hex : natural; }

    @Override public OptionalLong address() { return OptionalLong.empty(); }

    @Override public boolean hasChildren() { return false; }

    @Override public int childCount() { return 0; }

    @Override public boolean indexedChildren() { return false; }

    @Override public List<Variable> children(int start, int count) { return List.of(); }

    @Override public boolean isWritable() { return true; }

    @Override public Optional<String> expression() { return Optional.of(expression); }
}
