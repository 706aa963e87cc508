package dev.hindsight.tracer.values;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * The registers a function returns in, as it left them: rax and rdx, xmm0 and xmm1 (16 bytes
 * each), st0 (the 10 bytes of the x87 top of stack).
 */
public record ReturnRegisters(long rax, long rdx, byte[] xmm0, byte[] xmm1, byte[] st0) implements ReturnConvention {
    /** Classed by {@link ReturnClasses#of}. */
    @Override
    public Optional<byte[]> gather(dev.hindsight.tracer.values.types.Type type, BiFunction<Long, Integer, byte[]> memory) {
        return gather(ReturnClasses.of(type), (int) type.strip().size(), memory);
    }

    /**
     * The bytes of a value of {@code size} bytes returned as {@code classes} say
     * ({@link ReturnClasses}): gathered from the registers, or read from memory at rax; empty when
     * that memory cannot be read.
     */
    public Optional<byte[]> gather(List<ReturnClasses.Kind> classes, int size, BiFunction<Long, Integer, byte[]> memory) {
        if (classes.isEmpty()) return Optional.empty();
        if (classes.get(0) == ReturnClasses.Kind.MEMORY) {
            byte[] b = memory.apply(rax, size);
            return b.length == size ? Optional.of(b) : Optional.empty();
        }
        if (classes.get(0) == ReturnClasses.Kind.X87) return Optional.of(Arrays.copyOf(st0, size));
        byte[] out = new byte[classes.size() * 8];
        ByteBuffer b = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
        long[] integers = {rax, rdx};
        byte[][] sse = {xmm0, xmm1};
        int nextInteger = 0, nextSse = 0;
        for (int i = 0; i < classes.size(); i++) {
            switch (classes.get(i)) {
                case INTEGER -> b.putLong(i * 8, integers[nextInteger++]);
                case SSE -> System.arraycopy(sse[nextSse++], 0, out, i * 8, 8);
                default -> { } // padding alone: no register carries it
            }
        }
        return Optional.of(Arrays.copyOf(out, size));
    }
}
