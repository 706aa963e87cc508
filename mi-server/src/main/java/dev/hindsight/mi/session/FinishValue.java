package dev.hindsight.mi.session;

import dev.hindsight.tracer.Target;
import java.util.Optional;

/**
 * The value a {@code finish} shows ({@code return-value}, "Value returned is"), as gdb prints it:
 * the engine reads it where the x86-64 System V ABI returns the finished function's type
 * ({@link Target#returnedValue}: scalars in rax, xmm0 or st0, structures eightbyte by eightbyte
 * in rax:rdx and xmm0:xmm1, or in memory at rax). Empty for a {@code void} function, as gdb shows
 * none, and without the function's type.
 */
final class FinishValue {
    private FinishValue() {}

    static Optional<String> of(Target t, int tid) {
        try {
            return t.frames().returnedValue(tid).map(v -> v.value());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
