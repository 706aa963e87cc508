// The stack-frame picture: names for the 8-byte slots of the frames on the stack, as a learner
// draws them on paper: each function's locals and parameters (the rbp-relative slots of
// hindsight/functions), the saved frame pointer and the return address ("return to main+23").
// Frames are followed along the saved frame pointers' chain, as -O0 code keeps it: x86-64's rbp,
// AArch64's x29 (arch.js).
import { big } from './dom.js';
import { archRegisters } from './arch.js';

const MAX_FRAMES = 16;

/**
 * @param frames DAP stack frames, innermost first; `from` the index of the one whose frame
 *   pointer (rbp; x29 on AArch64) is `rbp`
 * @param arch /mode.json's architecture ('x86-64' when not given)
 * @param functionAt (address) → {name, start, slots} of the program's own function, or null
 * @param read (address) → the 8 bytes there as a BigInt, or null when not at hand (outside the
 *   shown window: a step asks for nothing more than its stop)
 * @returns Map row address (BigInt, 8-aligned) → [label]
 */
export function frameSlotLabels({ frames, from, rbp, functionAt, read, arch }) {
  const { framePointer, prologueBytes } = archRegisters(arch);
  const labels = new Map();
  const add = (address, text) => {
    const row = address & ~7n;
    labels.set(row, [...(labels.get(row) ?? []), text]);
  };
  let fp = rbp;
  for (let k = from; k < frames.length && k < from + MAX_FRAMES && fp != null; k++) {
    const pc = big(frames[k].instructionPointerReference);
    const f = pc == null ? null : functionAt(pc);
    // In the prologue the frame pointer is still the caller's: its slots are not yet this frame's.
    if (!f || (k === 0 && pc < f.start + prologueBytes)) break;
    for (const s of f.slots ?? []) add(fp + BigInt(s.offset), `${s.name} (${s.parameter ? 'parameter' : 'local'} of ${f.name})`);
    add(fp, `saved ${framePointer} (${f.name})`);
    const ret = read(fp + 8n);
    if (ret == null) break;
    const caller = functionAt(ret);
    add(fp + 8n, `return to ${caller ? `${caller.name}+${ret - caller.start}` : frames[k + 1]?.name ?? `0x${ret.toString(16)}`}`);
    if (!caller) break;
    fp = read(fp);
  }
  return labels;
}
