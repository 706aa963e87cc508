package dev.hindsight.dap.handlers;

import dev.hindsight.dap.protocol.DapException;
import dev.hindsight.dap.protocol.ErrorCode;
import dev.hindsight.dap.protocol.ValueOriginArguments;
import dev.hindsight.dap.protocol.ValueOriginResponse;
import dev.hindsight.dap.protocol.ValueOriginResponse.Node;
import dev.hindsight.dap.session.Recording;
import dev.hindsight.dap.session.Session;
import dev.hindsight.dap.variables.FrameRef;
import dev.hindsight.index.origin.OriginNode;
import dev.hindsight.index.origin.ValueOrigin;
import dev.hindsight.tracer.Target;
import dev.hindsight.tracer.values.Variable;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * {@code hindsight/valueOrigin}: where a value came from — the instruction that last wrote it,
 * what that instruction read, and so on down to constants, input bytes and the initial state
 * (the index's {@link ValueOrigin}), each node with its source line. One level per request: the
 * client expands a node by sending its id back.
 */
public final class ValueOriginHandler extends RequestHandler {
    private static final String REQUEST = "hindsight/valueOrigin";
    private ValueOrigin origins;
    private Recording of;

    public ValueOriginHandler(Session session) {
        super(session);
    }

    public synchronized ValueOriginResponse valueOrigin(ValueOriginArguments args) {
        required(args, REQUEST);
        Recording r = session.requireRecording(REQUEST);
        Target t = session.stoppedTarget();
        if (of != r) {
            if (origins != null) origins.close();
            origins = new ValueOrigin(r.index());
            of = r;
        }
        try {
            if (args.id() != null) return new ValueOriginResponse(null, nodes(t, origins.expand(args.id())));
            OriginNode root = root(t, r.travel().now(), args);
            return new ValueOriginResponse(node(t, root), root.expandable() ? nodes(t, origins.expand(root.id())) : List.of());
        } catch (IllegalArgumentException e) {
            throw new DapException(ErrorCode.INVALID_ARGUMENTS, e.getMessage());
        }
    }

    private OriginNode root(Target t, long now, ValueOriginArguments args) {
        int given = (args.expression() != null ? 1 : 0) + (args.register() != null ? 1 : 0) + (args.address() != null ? 1 : 0);
        check(given == 1, "name exactly one of: expression, register, address (or the id of a node)");
        if (args.register() != null) return origins.ofRegister(now, args.register().strip().toLowerCase(Locale.ROOT));
        if (args.address() != null) {
            int length = args.length() == null ? 8 : args.length();
            check(length > 0 && length <= 4096, "length must be 1 to 4096");
            return origins.ofMemory(now, address(args.address(), 0), length);
        }
        String e = args.expression().strip();
        check(!e.isEmpty(), "nothing to trace back");
        FrameRef f = frame(args.frameId());
        Variable v = t.frames().evaluate(e, f.frame());
        long at = v.address().orElseThrow(() -> new DapException(ErrorCode.NOT_AVAILABLE,
                e + " is not in memory (a register or a computed value): ask for its register instead"));
        int size;
        try {
            size = Integer.parseInt(t.frames().evaluate("sizeof(" + e + ")", f.frame()).value().strip());
        } catch (RuntimeException x) {
            size = 8;
        }
        return origins.ofMemory(now, at, Math.max(1, Math.min(size, 4096)));
    }

    private List<Node> nodes(Target t, List<OriginNode> list) {
        return list.stream().map(n -> node(t, n)).toList();
    }

    private Node node(Target t, OriginNode n) {
        var where = n.kind() == OriginNode.Kind.INSTRUCTION ? t.symbols().sourceAt(n.pc()) : java.util.Optional.<dev.hindsight.tracer.source.SourcePoint>empty();
        return new Node(n.id(), n.kind().name().toLowerCase(Locale.ROOT), n.role().name().toLowerCase(Locale.ROOT), n.label(),
                n.time(), "0x" + Long.toHexString(n.pc()), n.tid(), n.register(),
                n.kind() == OriginNode.Kind.MEMORY ? "0x" + Long.toHexString(n.address()) : null,
                n.value() == null ? null : HexFormat.of().formatHex(n.value()), n.facts(), n.expandable(),
                where.map(p -> p.line().file()).orElse(null), where.map(p -> session.positions().line(p.line().line())).orElse(null));
    }
}
