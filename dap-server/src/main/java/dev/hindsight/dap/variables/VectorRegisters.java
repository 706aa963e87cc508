package dev.hindsight.dap.variables;

import dev.hindsight.dap.protocol.DapException;
import dev.hindsight.dap.protocol.ErrorCode;
import dev.hindsight.dap.session.Handles;
import dev.hindsight.tracer.regs.FpRegisters;
import dev.hindsight.tracer.Target;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import org.eclipse.lsp4j.debug.Variable;

/**
 * The nested "Vector registers" group: xmm0-15 as gdb's {@code {v4_float, v2_double}} view (or
 * one hex number with {@code format.hex}), ymm0-15 in hex when the CPU has AVX, zmm0-31 in hex
 * and the mask registers k0-7 when it has AVX-512 (xmm16-31 and ymm16-31 are zmm16-31's low
 * lanes: not repeated, to keep the list short), st0-7 as doubles, and the SSE/x87 control
 * registers (ftag as gdb's full tag word). xmm, k0-7 and mxcsr are writable.
 */
final class VectorRegisters implements Container {
    private final Target target;
    private final int tid;

    VectorRegisters(Target target, int tid) {
        this.target = target;
        this.tid = tid;
    }

    @Override
    public List<Variable> variables(int start, int count, boolean hex, Handles handles) {
        FpRegisters fp = target.registers().fp(tid);
        List<Variable> out = new ArrayList<>();
        for (int i = 0; i < 16; i++) out.add(xmm(fp, i, hex));
        if (fp.hasAvx()) {
            for (int i = 0; i < 16; i++) out.add(variable("ymm" + i, hexLe(fp.ymm(i).orElseThrow()), "vec256"));
        }
        if (fp.hasAvx512()) {
            for (int i = 0; i < 32; i++) out.add(variable("zmm" + i, hexLe(fp.vector(i, 64).orElseThrow()), "vec512"));
            for (int i = 0; i < 8; i++) out.add(variable("k" + i, Numbers.hex(fp.k(i).getAsLong()), "uint64"));
        }
        for (int i = 0; i < 8; i++) out.add(variable("st" + i, Double.toString(fp.stAsDouble(i)), "i387_ext"));
        out.add(variable("mxcsr", Numbers.hex(fp.mxcsr() & 0xffffffffL), "i386_mxcsr"));
        out.add(variable("fctrl", Numbers.hex(fp.fcw()), "int"));
        out.add(variable("fstat", Numbers.hex(fp.fsw()), "int"));
        out.add(variable("ftag", Numbers.hex(fp.fullTagWord()), "int"));
        out.add(variable("fop", Numbers.hex(fp.fop()), "int"));
        return Container.page(out, start, count);
    }

    private static Variable xmm(FpRegisters fp, int n, boolean hex) {
        if (hex) return variable("xmm" + n, hexLe(fp.xmm(n)), "vec128");
        StringJoiner floats = new StringJoiner(", ", "{", "}");
        for (int lane = 0; lane < 4; lane++) floats.add(Float.toString(fp.xmmFloat(n, lane)));
        StringJoiner doubles = new StringJoiner(", ", "{", "}");
        for (int lane = 0; lane < 2; lane++) doubles.add(Double.toString(fp.xmmDouble(n, lane)));
        return variable("xmm" + n, "{v4_float = " + floats + ", v2_double = " + doubles + ", uint128 = "
                + hexLe(fp.xmm(n)) + "}", "vec128");
    }

    private static Variable variable(String name, String value, String type) {
        Variable v = new Variable();
        v.setName(name);
        v.setValue(value);
        v.setType(type);
        v.setEvaluateName("$" + name);
        return v;
    }

    /** A little-endian register image as one hex number. */
    static String hexLe(byte[] le) {
        byte[] be = new byte[le.length + 1];
        for (int i = 0; i < le.length; i++) be[le.length - i] = le[i];
        return "0x" + new BigInteger(be).toString(16);
    }

    @Override
    public Variable set(String name, String value, boolean hex, Handles handles) {
        FpRegisters fp = target.registers().fp(tid);
        if (name.equals("mxcsr")) {
            target.registers().setFp(tid, fp.withMxcsr((int) Numbers.parse(value)));
        } else if (name.matches("xmm([0-9]|1[0-5])")) {
            target.registers().setFp(tid, fp.withXmm(Integer.parseInt(name.substring(3)), bytes128(value)));
        } else if (name.matches("k[0-7]") && fp.hasAvx512()) {
            target.registers().setFp(tid, fp.withK(name.charAt(1) - '0', Numbers.parse(value)));
        } else {
            throw new DapException(ErrorCode.NOT_ALLOWED, "'" + name + "' cannot be written here; xmm0-15, k0-7 and mxcsr can");
        }
        return variables(0, 0, hex, handles).stream().filter(v -> v.getName().equals(name)).findFirst().orElseThrow();
    }

    private static byte[] bytes128(String text) {
        String s = text.strip().toLowerCase();
        if (!s.matches("0x[0-9a-f]{1,32}")) {
            throw new DapException(ErrorCode.INVALID_ARGUMENTS, "an xmm register takes a hex number of up to 128 bits, e.g. 0x3f800000");
        }
        byte[] be = new BigInteger(s.substring(2), 16).toByteArray();
        byte[] le = new byte[16];
        for (int i = 0; i < 16 && i < be.length; i++) le[i] = be[be.length - 1 - i];
        return le;
    }

    @Override
    public boolean holdsRegisters() {
        return true;
    }
}
