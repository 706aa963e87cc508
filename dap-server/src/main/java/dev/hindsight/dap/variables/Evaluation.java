package dev.hindsight.dap.variables;

import dev.hindsight.tracer.arch.Architecture;
import dev.hindsight.tracer.arch.RegisterView;
import dev.hindsight.tracer.stack.Frame;
import dev.hindsight.tracer.regs.Registers;
import dev.hindsight.tracer.Target;
import dev.hindsight.tracer.values.ValueFormat;
import dev.hindsight.tracer.values.Variable;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Expressions for watch, hover, the REPL, breakpoint conditions and log points. A bare register
 * ({@code $rax}) is answered here from the frame's registers; everything else goes to the
 * engine's C expression evaluator.
 */
public final class Evaluation {
    private Evaluation() {}

    public static Variable evaluate(Target target, String expression, Frame frame) {
        String e = expression.strip();
        if (e.startsWith("$") && Registers.isName(e.substring(1))) {
            Map<String, Long> regs = new RegisterScope(target, frame).values();
            Long v = regs.get(e.substring(1));
            if (v != null) return new RegisterValue(e, v, Architecture.host().registerView(e.substring(1)));
        }
        return target.frames().evaluate(e, frame);
    }

    /** A register's value as gdb prints {@code $rax}: decimal, or hex on request; pointers in hex. */
    private record RegisterValue(String name, long raw, RegisterView view) implements Variable {
        @Override
        public String type() {
            if (view == null) return "long";
            return switch (view.kind()) {
                case CODE_POINTER -> "void (*)()";
                case DATA_POINTER -> "void *";
                case FLAGS -> Architecture.host().flagsType();
                default -> "long";
            };
        }

        @Override
        public String value(ValueFormat format) {
            boolean pointer = view != null && (view.kind() == RegisterView.Kind.CODE_POINTER || view.kind() == RegisterView.Kind.DATA_POINTER);
            return format == ValueFormat.HEX || pointer ? Numbers.hex(raw) : Long.toString(raw);
        }

        @Override
        public OptionalLong address() {
            return OptionalLong.empty();
        }

        @Override
        public boolean hasChildren() {
            return false;
        }

        @Override
        public int childCount() {
            return 0;
        }

        @Override
        public boolean indexedChildren() {
            return false;
        }

        @Override
        public List<Variable> children(int start, int count) {
            return List.of();
        }

        @Override
        public boolean isWritable() {
            return false;
        }
    }
}
