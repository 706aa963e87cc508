/**
 * Disassembly for the client: windows for the {@code disassemble} request, including backward
 * decoding for negative offsets, and generated listings of a function for frames without a
 * source file ({@code source} by {@code sourceReference}).
 */
package dev.hindsight.dap.disasm;
