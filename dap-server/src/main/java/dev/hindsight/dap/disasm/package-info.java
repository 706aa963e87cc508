/** Disassembly windows for the {@code disassemble} request, including backward decoding for negative offsets. */
package dev.hindsight.dap.disasm;
