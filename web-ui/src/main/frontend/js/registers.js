// The Registers panel: hex and decimal, registers changed by the last step highlighted, eflags
// decoded, vector registers on demand.
import { el, big } from './dom.js';

const FLAGS = [['CF', 0], ['PF', 2], ['AF', 4], ['ZF', 6], ['SF', 7], ['TF', 8], ['IF', 9], ['DF', 10], ['OF', 11]];

function signed64(n) {
  return n >= 1n << 63n ? n - (1n << 64n) : n;
}

export class RegistersPanel {
  constructor(container) {
    this.container = container;
    this.previous = new Map();
  }

  /** @param regs [{name, value, variablesReference}] general registers; @param vector same for vector ones;
   *  @param compare whether these are the top frame's, to be compared with the last step's */
  render(regs, vector = [], compare = true) {
    const rows = [];
    const now = new Map();
    for (const r of regs) {
      if (r.variablesReference && !/^(e|r)flags$/.test(r.name) && big(r.value) == null) continue;
      now.set(r.name, r.value);
      const changed = compare && this.previous.has(r.name) && this.previous.get(r.name) !== r.value;
      const n = big(r.value);
      const cells = [el('td', { class: 'name', text: r.name }), el('td', { class: 'hex', text: r.value })];
      if (/flags$/.test(r.name) && n != null) {
        cells.push(el('td', { class: 'flags' }, ...FLAGS.map(([f, bit]) =>
          el('span', { class: (n >> BigInt(bit)) & 1n ? 'set' : '', text: f, title: `${f} = ${(n >> BigInt(bit)) & 1n}` }))));
      } else {
        cells.push(el('td', { class: 'dec', text: n == null ? '' : signed64(n).toString() }));
      }
      rows.push(el('tr', { class: changed ? 'changed' : '', 'data-reg': r.name }, ...cells));
    }
    const vectorRows = vector.map((v) => {
      now.set(v.name, v.value);
      const changed = compare && this.previous.has(v.name) && this.previous.get(v.name) !== v.value;
      return el('tr', { class: changed ? 'changed' : '', 'data-reg': v.name },
        el('td', { class: 'name', text: v.name }), el('td', { class: 'hex wrap', text: v.value }));
    });
    if (compare) this.previous = now;
    this.shown = now;
    const tables = [el('table', { 'aria-label': 'Registers' }, el('tbody', {}, ...rows))];
    if (vectorRows.length) tables.push(el('table', { class: 'vector', 'aria-label': 'Vector registers' }, el('tbody', {}, ...vectorRows)));
    this.container.replaceChildren(...tables);
  }

  valueOf(name) { return this.shown?.get(name); }

  clear() {
    this.previous = new Map();
    this.shown = new Map();
    this.container.replaceChildren();
  }
}
