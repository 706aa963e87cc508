// The Registers panel: hex and decimal, registers changed by the last step highlighted, the pc and
// the flags (decoded) pinned at the top, vector registers on demand as lanes. The server's
// architecture shows in its register names: x86-64's rip and eflags, AArch64's pc and cpsr.
import { el, big } from './dom.js';
import { fullHex, lanes, vectorBits } from './lanes.js';

const PINNED = ['rip', 'eflags', 'pc', 'cpsr'];
// The flags each architecture's flags register shows, by bit: eflags' as gdb's i386_eflags names
// them, cpsr's condition flags N, Z, C, V (bits 31-28) as DAP's children and gdb's cpsr_flags do.
const FLAGS = {
  eflags: [['CF', 0], ['PF', 2], ['AF', 4], ['ZF', 6], ['SF', 7], ['TF', 8], ['IF', 9], ['DF', 10], ['OF', 11]],
  rflags: [['CF', 0], ['PF', 2], ['AF', 4], ['ZF', 6], ['SF', 7], ['TF', 8], ['IF', 9], ['DF', 10], ['OF', 11]],
  cpsr: [['N', 31], ['Z', 30], ['C', 29], ['V', 28]],
};

function signed64(n) {
  return n >= 1n << 63n ? n - (1n << 64n) : n;
}

export class RegistersPanel {
  constructor(container) {
    this.container = container;
    this.previous = new Map();
  }

  /** @param regs [{name, value, variablesReference}] general registers; @param vector same for vector ones;
   *  @param compare whether these are the top frame's, to be compared with the last step's;
   *  @param laneFormat how vector lanes are shown (lanes.js LANE_FORMATS) */
  render(regs, vector = [], compare = true, laneFormat = 'float') {
    const now = new Map();
    const changedNow = (name, value) => {
      now.set(name, value);
      return compare && this.previous.has(name) && this.previous.get(name) !== value;
    };
    const row = (r) => {
      const changed = changedNow(r.name, r.value);
      const n = big(r.value);
      const cells = [el('td', { class: 'name', text: r.name }), el('td', { class: 'hex', text: r.value })];
      if (FLAGS[r.name] && n != null) {
        cells.push(el('td', { class: 'flags' }, ...FLAGS[r.name].map(([f, bit]) =>
          el('span', { class: (n >> BigInt(bit)) & 1n ? 'set' : '', text: f, title: `${f} = ${(n >> BigInt(bit)) & 1n}` }))));
      } else {
        cells.push(el('td', { class: 'dec', text: n == null ? '' : signed64(n).toString() }));
      }
      return el('tr', { class: changed ? 'changed' : '', 'data-reg': r.name }, ...cells);
    };
    const shown = regs.filter((r) => !(r.variablesReference && !FLAGS[r.name] && big(r.value) == null));
    // the pc and the flags first and pinned: what a step changes every time stays in sight.
    const pinned = shown.filter((r) => PINNED.includes(r.name)).sort((a, b) => PINNED.indexOf(a.name) - PINNED.indexOf(b.name));
    const rest = shown.filter((r) => !PINNED.includes(r.name));
    const tables = [
      el('table', { class: 'pinned', 'aria-label': 'Instruction pointer and flags' }, el('tbody', {}, ...pinned.map(row))),
      el('table', { 'aria-label': 'Registers' }, el('tbody', {}, ...rest.map(row))),
    ];
    const vectorRows = vector.map((v) => {
      const changed = changedNow(v.name, v.value);
      const bits = vectorBits(v);
      const cells = bits ? lanes(bits, laneFormat).map((text) => el('td', { class: 'lane', text }))
        : [el('td', { class: 'lane wrap', text: v.value })];
      return el('tr', { class: changed ? 'changed' : '', 'data-reg': v.name, title: bits ? fullHex(bits) : null },
        el('th', { class: 'name', scope: 'row', text: v.name }), ...cells);
    });
    if (vectorRows.length) {
      tables.push(el('table', { class: 'vector', 'aria-label': `Vector registers, lanes as ${laneFormat}, lane 0 first` },
        el('tbody', {}, ...vectorRows)));
    }
    if (compare) this.previous = now;
    this.shown = now;
    this.container.replaceChildren(...tables);
  }

  valueOf(name) { return this.shown?.get(name); }

  clear() {
    this.previous = new Map();
    this.shown = new Map();
    this.container.replaceChildren();
  }
}
