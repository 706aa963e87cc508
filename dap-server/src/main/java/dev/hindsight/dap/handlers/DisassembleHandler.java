package dev.hindsight.dap.handlers;

import dev.hindsight.dap.disasm.DisassemblyWindow;
import dev.hindsight.dap.session.BreakpointMapper;
import dev.hindsight.dap.session.Session;
import dev.hindsight.tracer.Target;
import dev.hindsight.tracer.disasm.Instruction;
import dev.hindsight.tracer.disasm.InstructionFormatter;
import dev.hindsight.tracer.source.SourcePoint;
import java.util.List;
import java.util.Optional;
import org.eclipse.lsp4j.debug.DisassembleArguments;
import org.eclipse.lsp4j.debug.DisassembleResponse;
import org.eclipse.lsp4j.debug.DisassembledInstruction;
import org.eclipse.lsp4j.debug.DisassembledInstructionPresentationHint;

/**
 * {@code disassemble}: exactly {@code instructionCount} instructions, each with its symbol and,
 * where the line table knows it, its source location; unreadable places are {@code ??}.
 */
public final class DisassembleHandler extends RequestHandler {
    private static final int MAX_COUNT = 10_000;

    public DisassembleHandler(Session session) {
        super(session);
    }

    public DisassembleResponse disassemble(DisassembleArguments args) {
        required(args, "disassemble");
        check(args.getInstructionCount() >= 0 && args.getInstructionCount() <= MAX_COUNT,
                "instructionCount must be between 0 and " + MAX_COUNT);
        Target t = session.stoppedTarget();
        long base = address(args.getMemoryReference(), args.getOffset());
        int offset = args.getInstructionOffset() == null ? 0 : args.getInstructionOffset();
        List<DisassemblyWindow.Slot> slots = new DisassemblyWindow(t).window(base, offset, args.getInstructionCount());
        boolean symbols = args.getResolveSymbols() == null || args.getResolveSymbols();
        DisassembleResponse r = new DisassembleResponse();
        // C++ names demangled, as the stack shows them
        var names = dev.hindsight.tracer.disasm.AddressSymbolizer.demangling(t.symbols()::symbolize);
        InstructionFormatter formatter = new InstructionFormatter(names, t.disassembly().syntax());
        r.setInstructions(slots.stream().map(s -> toDap(t, formatter, s, symbols, session.positions())).toArray(DisassembledInstruction[]::new));
        return r;
    }

    private static DisassembledInstruction toDap(Target t, InstructionFormatter formatter, DisassemblyWindow.Slot slot,
                                                 boolean symbols, dev.hindsight.dap.session.Positions at) {
        DisassembledInstruction d = new DisassembledInstruction();
        d.setAddress("0x" + Long.toHexString(slot.address()));
        Instruction in = slot.instruction();
        if (in == null) {
            d.setInstruction("??");
            d.setPresentationHint(DisassembledInstructionPresentationHint.INVALID);
            return d;
        }
        d.setInstructionBytes(in.hexBytes());
        d.setInstruction(formatter.format(in));
        if (in.isInvalid()) d.setPresentationHint(DisassembledInstructionPresentationHint.INVALID);
        if (symbols) dev.hindsight.tracer.disasm.AddressSymbolizer.demangling(t.symbols()::symbolize).symbolize(in.address()).ifPresent(d::setSymbol);
        Optional<SourcePoint> p = t.symbols().sourceAt(in.address());
        p.ifPresent(sp -> {
            d.setLocation(BreakpointMapper.source(sp.line().file()));
            d.setLine(at.line(sp.line().line()));
            if (sp.line().column() > 0) d.setColumn(at.column(sp.line().column()));
        });
        return d;
    }
}
