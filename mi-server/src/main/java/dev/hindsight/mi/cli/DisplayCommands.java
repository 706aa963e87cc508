package dev.hindsight.mi.cli;

import dev.hindsight.mi.commands.MiResult;
import dev.hindsight.mi.protocol.MiException;
import dev.hindsight.mi.session.Displays;
import dev.hindsight.mi.session.MiSession;

/** {@code display[/x] EXPR}, {@code undisplay N} and {@code info display}, in gdb's words. */
final class DisplayCommands {
    private DisplayCommands() {}

    static MiResult display(MiSession s, String text) {
        String rest = text.strip();
        String format = "";
        if (rest.startsWith("/")) {
            String[] w = rest.split("\\s+", 2);
            if (!w[0].equals("/x")) throw new MiException("Hindsight's display takes only the /x format");
            format = w[0];
            rest = w.length > 1 ? w[1].strip() : "";
        }
        if (rest.isEmpty()) {
            String shown = s.displays().atStop(s);
            if (!shown.isEmpty()) s.out().console(shown);
            return MiResult.done();
        }
        // gdb makes no display (and spends no number) for an expression it cannot evaluate
        dev.hindsight.mi.commands.ExpressionValues.of(s, rest, dev.hindsight.tracer.values.ValueFormat.NATURAL, v -> "");
        Displays.Display d = s.displays().add(s, format, rest);
        String shown = Displays.text(s, d);
        if (!shown.isEmpty()) s.out().console(shown);
        return MiResult.done();
    }

    static MiResult undisplay(MiSession s, String numbers) {
        if (numbers.isBlank()) throw new MiException("Hindsight's undisplay takes display numbers: undisplay N");
        for (String n : numbers.strip().split("[\\s,]+")) {
            if (!s.displays().remove(Integer.parseInt(n))) s.out().console("No display number " + n + ".\n");
        }
        return MiResult.done();
    }

    static void info(MiSession s) {
        if (s.displays().all().isEmpty()) {
            s.out().console("There are no auto-display expressions now.\n");
            return;
        }
        StringBuilder b = new StringBuilder("Auto-display expressions now in effect:\nNum Enb Expression\n");
        for (Displays.Display d : s.displays().all()) {
            b.append(d.number()).append(":   y  ").append(d.described());
            if (!Displays.inScope(s, d)) b.append(" (cannot be evaluated in the current context)");
            b.append('\n');
        }
        s.out().console(b.toString());
    }
}
