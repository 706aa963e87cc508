package dev.hindsight.dap.handlers;

import dev.hindsight.dap.protocol.DapException;
import dev.hindsight.dap.protocol.ErrorCode;
import dev.hindsight.dap.session.Session;
import dev.hindsight.tracer.Target;
import java.util.Base64;
import org.eclipse.lsp4j.debug.ReadMemoryArguments;
import org.eclipse.lsp4j.debug.ReadMemoryResponse;
import org.eclipse.lsp4j.debug.WriteMemoryArguments;
import org.eclipse.lsp4j.debug.WriteMemoryResponse;

/** readMemory and writeMemory, base64 as DAP specifies; unreadable bytes are counted, not an error. */
public final class MemoryHandlers extends RequestHandler {
    private static final int MAX_READ = 1 << 20;

    public MemoryHandlers(Session session) {
        super(session);
    }

    public ReadMemoryResponse readMemory(ReadMemoryArguments args) {
        required(args, "readMemory");
        check(args.getCount() >= 0 && args.getCount() <= MAX_READ, "count must be between 0 and " + MAX_READ);
        Target t = session.stoppedTarget();
        long address = address(args.getMemoryReference(), args.getOffset());
        byte[] data = t.memory().read(address, args.getCount());
        ReadMemoryResponse r = new ReadMemoryResponse();
        r.setAddress("0x" + Long.toHexString(address));
        r.setData(Base64.getEncoder().encodeToString(data));
        if (data.length < args.getCount()) r.setUnreadableBytes(args.getCount() - data.length);
        return r;
    }

    public WriteMemoryResponse writeMemory(WriteMemoryArguments args) {
        required(args, "writeMemory");
        Target t = session.stoppedTarget();
        long address = address(args.getMemoryReference(), args.getOffset());
        byte[] data;
        try {
            data = Base64.getDecoder().decode(field(args.getData(), "data"));
        } catch (IllegalArgumentException e) {
            throw new DapException(ErrorCode.INVALID_ARGUMENTS, "data is not base64: " + e.getMessage());
        }
        try {
            t.memory().write(address, data);
        } catch (RuntimeException e) {
            throw new DapException(ErrorCode.MEMORY_ERROR, String.format("cannot write %d bytes at 0x%x: %s",
                    data.length, address, e.getMessage()), e);
        }
        int written = data.length;
        if (session.features().invalidatedEvent()) {
            session.afterResponse(() -> session.events().invalidated(java.util.List.of("variables"), null, null));
        }
        if (session.features().memoryEvent()) session.afterResponse(() -> session.events().memory(address, written));
        WriteMemoryResponse r = new WriteMemoryResponse();
        r.setBytesWritten(data.length);
        return r;
    }
}
