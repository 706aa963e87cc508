package dev.hindsight.tracer.values;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * x86-64's vector registers in expressions are gdb's unions ({@code vec128} for xmm,
 * {@code vec256i} for ymm: bfloat16, half, float, double and integer lanes), so lanes are members
 * and indices; IEEE binary128 ({@code __float128}, a local and a struct member) prints with gdb's
 * 36 digits while x86's {@code long double} stays x87. gdb on the same stop is the oracle
 * ({@code programs/vector_regs.c} loads xmm3 and xmm4 with known lanes).
 */
@EnabledIfSystemProperty(named = "os.arch", matches = "amd64|x86_64", disabledReason = "x86-64's registers; AArch64's v registers: aarch64.VectorRegisterTest")
class VectorRegisterOracleTest {
    @Test
    void vectorRegistersAndQuadFloatsPrintAsInGdb() throws Exception {
        ExpressionOracleTest.compare("vector_regs.c", new String[0], "vectors", List.of(
                "$xmm3", "$xmm4", "$xmm3.v4_float", "$xmm3.v4_float[1]", "$xmm3.v4_int32[2]", "$xmm4.v2_int64[1]",
                "$xmm4.uint128", "$xmm3.v8_half", "$xmm3.v8_bfloat16[3]", "$xmm3.v16_int8", "$xmm3.v4_float[0] * 2",
                "$ymm3", "$ymm4.v4_int64", "$ymm3.v8_float[1]",
                "third", "tiny", "ext", "box", "box.q", "/x $xmm4"));
    }
}
