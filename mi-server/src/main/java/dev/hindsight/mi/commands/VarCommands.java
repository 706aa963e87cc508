package dev.hindsight.mi.commands;

import dev.hindsight.mi.protocol.MiCommand;
import dev.hindsight.mi.protocol.MiException;
import dev.hindsight.mi.protocol.MiTuple;
import dev.hindsight.mi.session.MiSession;
import java.util.ArrayList;
import java.util.List;

/** Variable objects: -var-create, -var-list-children, -var-update, -var-delete, -var-evaluate-expression, -var-info-*, -var-show-attributes. */
final class VarCommands {
    private VarCommands() {}

    static MiResult create(MiSession s, MiCommand c) {
        if (c.args().size() < 3) throw new MiException("-var-create: Usage: NAME FRAME EXPRESSION.");
        String expression = String.join(" ", c.args().subList(2, c.args().size()));
        return MiResult.done(s.varObjects().create(c.args().get(0), c.args().get(1), expression));
    }

    static MiResult listChildren(MiSession s, MiCommand c) {
        List<String> a = new ArrayList<>(c.args());
        int pv = 0;
        // gdb's forms: NAME, PRINT NAME, NAME FROM TO, PRINT NAME FROM TO
        if (a.size() == 2 || a.size() == 4) pv = StackCommands.printValues(a.remove(0), "");
        if (a.size() == 3) {
            try {
                return MiResult.done(s.varObjects().listChildren(a.get(0), pv, Integer.parseInt(a.get(1)), Integer.parseInt(a.get(2))));
            } catch (NumberFormatException e) {
                throw new MiException("-var-list-children: Usage: [PRINT_VALUES] NAME [FROM TO]");
            }
        }
        if (a.size() != 1) throw new MiException("-var-list-children: Usage: [PRINT_VALUES] NAME [FROM TO]");
        return MiResult.done(s.varObjects().listChildren(a.get(0), pv));
    }

    static MiResult update(MiSession s, MiCommand c) {
        List<String> a = new ArrayList<>(c.args());
        int pv = 0;
        if (a.size() >= 2) pv = StackCommands.printValues(a.remove(0), "");
        if (a.size() != 1) throw new MiException("-var-update: Usage: [PRINT_VALUES] NAME.");
        return MiResult.done("changelist", s.varObjects().update(a.get(0), pv));
    }

    static MiResult delete(MiSession s, MiCommand c) {
        List<String> a = new ArrayList<>(c.args());
        a.remove("-c");
        if (a.size() != 1) throw new MiException("-var-delete: Usage: [-c] EXPRESSION.");
        return MiResult.done("ndeleted", s.varObjects().delete(a.get(0)));
    }

    static MiResult evaluate(MiSession s, MiCommand c) {
        List<String> a = new ArrayList<>(c.args());
        if (a.size() == 3 && a.get(0).equals("-f")) a.subList(0, 2).clear();
        if (a.size() != 1) throw new MiException("-var-evaluate-expression: Usage: [-f FORMAT] NAME");
        return MiResult.done(MiTuple.of().add("value", s.varObjects().evaluate(a.get(0))));
    }

    static MiResult assign(MiSession s, MiCommand c) {
        if (c.args().size() != 2) throw new MiException("-var-assign: Usage: NAME EXPRESSION.");
        return MiResult.done("value", s.varObjects().assign(c.args().get(0), c.args().get(1)));
    }

    static MiResult setFormat(MiSession s, MiCommand c) {
        if (c.args().size() != 2) throw new MiException("-var-set-format: Usage: NAME FORMAT.");
        return MiResult.done(s.varObjects().setFormat(c.args().get(0), c.args().get(1)));
    }

    static MiResult showFormat(MiSession s, MiCommand c) {
        if (c.args().size() != 1) throw new MiException("-var-show-format: Usage: NAME.");
        return MiResult.done("format", s.varObjects().showFormat(c.args().get(0)));
    }

    static MiResult infoExpression(MiSession s, MiCommand c) {
        if (c.args().size() != 1) throw new MiException("-var-info-expression: Usage: NAME.");
        return MiResult.done(s.varObjects().infoExpression(c.args().get(0)));
    }

    static MiResult infoPathExpression(MiSession s, MiCommand c) {
        // gdb's own wording: this one message has no command prefix
        if (c.args().size() != 1) throw new MiException("Usage: NAME.");
        return MiResult.done("path_expr", s.varObjects().pathExpression(c.args().get(0)));
    }

    static MiResult infoType(MiSession s, MiCommand c) {
        if (c.args().size() != 1) throw new MiException("-var-info-type: Usage: NAME.");
        return MiResult.done("type", s.varObjects().type(c.args().get(0)));
    }

    static MiResult showAttributes(MiSession s, MiCommand c) {
        if (c.args().size() != 1) throw new MiException("-var-show-attributes: Usage: NAME.");
        return MiResult.done("attr", s.varObjects().attributes(c.args().get(0)));
    }
}
