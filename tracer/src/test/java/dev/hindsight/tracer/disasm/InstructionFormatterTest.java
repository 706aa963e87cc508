package dev.hindsight.tracer.disasm;

import org.junit.jupiter.api.Test;

import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class InstructionFormatterTest {
    private static final Map<Long, String> SYMBOLS = Map.of(
            0x401030L, "printf@plt", 0x401150L, "main+20", 0x404028L, "counter", 0x40113cL, "main");
    private static final AddressSymbolizer SYMBOLIZER = address -> Optional.ofNullable(SYMBOLS.get(address));

    private static Instruction decode(Syntax syntax, String bytes, long address) {
        try (Disassembler d = new Disassembler(syntax)) {
            return d.decodeOne(HexFormat.of().parseHex(bytes.replace(" ", "")), address).orElseThrow();
        }
    }

    @Test
    void attCallShowsTargetAndSymbolLikeGdb() {
        Instruction call = decode(Syntax.ATT, "e8 f5 fe ff ff", 0x401136); // 0x40113b - 0x10b
        assertEquals("call   0x401030 <printf@plt>", new InstructionFormatter(SYMBOLIZER, Syntax.ATT).format(call));
    }

    @Test
    void intelCallUsesSingleSpace() {
        Instruction call = decode(Syntax.INTEL, "e8 f5 fe ff ff", 0x401136);
        assertEquals("call 0x401030 <printf@plt>", new InstructionFormatter(SYMBOLIZER, Syntax.INTEL).format(call));
    }

    @Test
    void jumpToFunctionOffset() {
        Instruction jmp = decode(Syntax.ATT, "eb 0e", 0x401140);
        assertEquals("jmp    0x401150 <main+20>", new InstructionFormatter(SYMBOLIZER, Syntax.ATT).format(jmp));
    }

    @Test
    void unknownTargetShowsBareAddress() {
        Instruction jmp = decode(Syntax.ATT, "eb 0e", 0x500000);
        assertEquals("jmp    0x500010", new InstructionFormatter(AddressSymbolizer.NONE, Syntax.ATT).format(jmp));
    }

    @Test
    void ripRelativeOperandIsAnnotatedWithItsTarget() {
        Instruction load = decode(Syntax.ATT, "8b 05 cc 2e 00 00", 0x401156); // 0x40115c + 0x2ecc
        assertEquals("mov    0x2ecc(%rip),%eax        # 0x404028 <counter>",
                new InstructionFormatter(SYMBOLIZER, Syntax.ATT).format(load));
        Instruction intel = decode(Syntax.INTEL, "8b 05 cc 2e 00 00", 0x401156);
        assertEquals("mov eax, dword ptr [rip+0x2ecc]        # 0x404028 <counter>",
                new InstructionFormatter(SYMBOLIZER, Syntax.INTEL).format(intel));
    }

    @Test
    void demanglingSymbolizerShowsCxxNamesAsTheStackDoes() {
        // Expected names from c++filt, gdb's demangler (libiberty), for the same symbols.
        Map<Long, String> mangled = Map.of(0x401200L, "_ZN7Counter3addEi+4",
                0x401030L, "_ZNSt6vectorIiSaIiEE9push_backEOi@plt", 0x401300L, "main+8");
        InstructionFormatter formatter = new InstructionFormatter(
                AddressSymbolizer.demangling(address -> Optional.ofNullable(mangled.get(address))), Syntax.ATT);
        assertEquals("0x401200 <Counter::add(int)+4>:\tret", formatter.formatLine(decode(Syntax.ATT, "c3", 0x401200)));
        assertEquals("call   0x401030 <std::vector<int, std::allocator<int> >::push_back(int&&)@plt>",
                formatter.format(decode(Syntax.ATT, "e8 f5 fe ff ff", 0x401136)));
        assertEquals("0x401300 <main+8>:\tret", formatter.formatLine(decode(Syntax.ATT, "c3", 0x401300)));
    }

    @Test
    void lineCarriesAddressSymbolAndOperandlessMnemonic() {
        Instruction ret = decode(Syntax.ATT, "c3", 0x40113c);
        assertEquals("0x40113c <main>:\tret", new InstructionFormatter(SYMBOLIZER, Syntax.ATT).formatLine(ret));
        Instruction bad = Disassembler.bad(0x40113d, (byte) 0x06);
        assertEquals("0x40113d:\t(bad)", new InstructionFormatter(SYMBOLIZER, Syntax.ATT).formatLine(bad));
    }
}
