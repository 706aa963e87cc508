// The stack-frame picture: names for the 8-byte slots of the frames on the stack, as a learner
// draws them on paper: each function's locals and parameters (the rbp-relative slots of
// hindsight/functions), the saved rbp and the return address ("return to main+23"). Frames are
// followed along the saved-rbp chain, as -O0 code keeps it.
import { big } from './dom.js';

/** How many bytes a function's prologue takes before its rbp is its own (push %rbp; mov %rsp,%rbp). */
const PROLOGUE = 4n;
const MAX_FRAMES = 16;

/**
 * @param frames DAP stack frames, innermost first; `from` the index of the one whose rbp is `rbp`
 * @param functionAt (address) → {name, start, slots} of the program's own function, or null
 * @param read (address) → the 8 bytes there as a BigInt, or null when not at hand (outside the
 *   shown window: a step asks for nothing more than its stop)
 * @returns Map row address (BigInt, 8-aligned) → [label]
 */
export function frameSlotLabels({ frames, from, rbp, functionAt, read }) {
  const labels = new Map();
  const add = (address, text) => {
    const row = address & ~7n;
    labels.set(row, [...(labels.get(row) ?? []), text]);
  };
  let fp = rbp;
  for (let k = from; k < frames.length && k < from + MAX_FRAMES && fp != null; k++) {
    const pc = big(frames[k].instructionPointerReference);
    const f = pc == null ? null : functionAt(pc);
    // In the prologue the rbp is still the caller's: its slots are not yet this frame's.
    if (!f || (k === 0 && pc < f.start + PROLOGUE)) break;
    for (const s of f.slots ?? []) add(fp + BigInt(s.offset), `${s.name} (${s.parameter ? 'parameter' : 'local'} of ${f.name})`);
    add(fp, `saved rbp (${f.name})`);
    const ret = read(fp + 8n);
    if (ret == null) break;
    const caller = functionAt(ret);
    add(fp + 8n, `return to ${caller ? `${caller.name}+${ret - caller.start}` : frames[k + 1]?.name ?? `0x${ret.toString(16)}`}`);
    if (!caller) break;
    fp = read(fp);
  }
  return labels;
}
