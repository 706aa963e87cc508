/**
 * x86-64 disassembly for the tracer: {@link dev.hindsight.tracer.disasm.Disassembler} decodes bytes (LLVM 19, in
 * gdb's spelling) into {@link dev.hindsight.tracer.disasm.Instruction}s classified for stepping (call, return,
 * jump, syscall, interrupt, branch target), and {@link dev.hindsight.tracer.disasm.InstructionFormatter}
 * renders them gdb-style with symbols supplied by an {@link dev.hindsight.tracer.disasm.AddressSymbolizer}.
 * Front ends decode the program's own code through {@link dev.hindsight.tracer.disasm.Disassembly}
 * ({@code target.disassembly()}).
 */
package dev.hindsight.tracer.disasm;
