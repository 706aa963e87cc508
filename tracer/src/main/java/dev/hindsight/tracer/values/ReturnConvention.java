package dev.hindsight.tracer.values;

import dev.hindsight.tracer.values.types.Type;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * The registers a function left its result in, read back by one architecture's calling
 * convention: x86-64 System V's ({@link ReturnRegisters}) or AAPCS64's ({@link Aapcs64Returns}).
 */
public interface ReturnConvention {
    /**
     * The bytes of a value of {@code type} as the function returned it: gathered from the
     * registers or read through {@code memory} (address, length) where the convention returns it
     * in memory; empty when that memory cannot be read or the type has no value.
     */
    Optional<byte[]> gather(Type type, BiFunction<Long, Integer, byte[]> memory);
}
