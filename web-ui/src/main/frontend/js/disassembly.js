// The Disassembly panel: address, symbol+offset and instruction per row, the current instruction
// highlighted, a breakpoint gutter, and rows of the hovered source line highlighted (and back).
import { el, big, hex, keepInView } from './dom.js';

export class DisassemblyView {
  constructor(container, { onToggleBreakpoint, onHoverLine, onSelectLine }) {
    this.container = container;
    this.onSelectLine = onSelectLine;
    this.onToggleBreakpoint = onToggleBreakpoint;
    this.onHoverLine = onHoverLine;
    this.rows = new Map(); // address (BigInt as string) -> tr
    // Keyboard: arrows choose an instruction, F9 toggles its breakpoint, Enter selects its line.
    container.addEventListener('keydown', (e) => this.#key(e));
    this.first = null;
    this.last = null;
  }

  clear(message = '') {
    this.rows.clear();
    this.first = this.last = null;
    this.container.replaceChildren(el('p', { class: 'muted', text: message }));
  }

  /** True when `address` (BigInt) is listed and not at either edge (where the window should move). */
  shows(address) {
    if (address == null || !this.rows.has(address.toString())) return false;
    return address !== this.first && address !== this.last;
  }

  /** @param instructions DAP DisassembledInstruction[] */
  render(instructions, breakpoints) {
    this.rows.clear();
    const body = el('tbody');
    const starts = new Map();
    let symbol = null;
    for (const ins of instructions) {
      const addr = big(ins.address);
      if (addr == null || ins.presentationHint === 'invalid') continue;
      const [name, offset] = splitSymbol(ins.symbol);
      if (name && !starts.has(name)) starts.set(name, offset != null ? addr - BigInt(offset) : addr);
      if (name && name !== symbol) body.append(el('tr', { class: 'sym' }, el('td'), el('td', { colspan: 3, text: `<${name}>:` })));
      symbol = name;
      const off = name ? `<+${(offset != null ? BigInt(offset) : addr - starts.get(name)).toString()}>` : '';
      const key = addr.toString();
      const row = el('tr', { 'data-address': hex(addr), 'data-line': ins.line ?? '', class: ins.line ? '' : 'noline' },
        el('td', { class: 'bp', title: 'Toggle instruction breakpoint', text: breakpoints.has(key) ? '●' : '',
          onclick: () => this.onToggleBreakpoint(addr) }),
        el('td', { class: 'addr', text: hex(addr) }),
        el('td', { class: 'off', text: off, title: name ? `${name}${off.slice(1, -1)}` : null }),
        insnCell(ins.instruction ?? ''));
      row.addEventListener('mouseenter', () => this.onHoverLine(ins.line ?? null));
      row.addEventListener('mouseleave', () => this.onHoverLine(null));
      row.addEventListener('click', (e) => {
        this.#choose(row);
        if (!e.target.classList.contains('bp') && ins.line) this.onSelectLine(ins.line);
      });
      body.append(row);
      this.rows.set(key, row);
      this.first ??= addr;
      this.last = addr;
    }
    this.container.replaceChildren(el('table', { 'aria-label': 'Instructions' }, body));
  }

  #choose(row) {
    this.container.querySelector('tr.chosen')?.classList.remove('chosen');
    row?.classList.add('chosen');
    row?.scrollIntoView({ block: 'nearest' });
  }

  #key(e) {
    const rows = [...this.rows.values()];
    if (!rows.length) return;
    const chosen = this.container.querySelector('tr.chosen') ?? this.container.querySelector('tr.current');
    let i = rows.indexOf(chosen);
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      i = Math.max(0, Math.min(rows.length - 1, (i < 0 ? 0 : i) + (e.key === 'ArrowDown' ? 1 : -1)));
      this.#choose(rows[i]);
    } else if (e.key === 'F9' && chosen) {
      this.onToggleBreakpoint(big(chosen.dataset.address));
    } else if (e.key === 'Enter' && chosen?.dataset.line) {
      this.onSelectLine(Number(chosen.dataset.line));
    } else {
      return;
    }
    e.preventDefault();
  }

  showBreakpoints(breakpoints) {
    for (const [key, row] of this.rows) row.firstChild.textContent = breakpoints.has(key) ? '●' : '';
  }

  /** Marks the current instruction (top frame) and the selected frame's one. */
  highlight(current, frame) {
    for (const row of this.container.querySelectorAll('tr.current, tr.frame')) row.classList.remove('current', 'frame');
    const cur = current == null ? null : this.rows.get(current.toString());
    cur?.classList.add('current');
    cur?.setAttribute('aria-current', 'true');
    const fr = frame == null || frame === current ? null : this.rows.get(frame.toString());
    fr?.classList.add('frame');
    keepInView(this.container, fr ?? cur);
  }

  /** Highlights the instructions of a source line (null clears). */
  relate(line) {
    for (const row of this.container.querySelectorAll('tr.related')) row.classList.remove('related');
    if (line == null) return;
    for (const row of this.rows.values()) if (row.dataset.line === String(line)) row.classList.add('related');
  }

  linesOf(addressKey) {
    const row = this.rows.get(addressKey);
    return row?.dataset.line ? [Number(row.dataset.line)] : [];
  }
}

/** The instruction, its "# 0x… <symbol>" comment apart so it can wrap instead of running off the panel. */
function insnCell(text) {
  const i = text.indexOf(' # ');
  if (i < 0) return el('td', { class: 'insn' }, el('span', { class: 'code', text }));
  return el('td', { class: 'insn' }, el('span', { class: 'code', text: text.slice(0, i).trimEnd() }), ' ',
    el('span', { class: 'comment', text: text.slice(i + 1).trim() }));
}

/** "main+12" -> ["main", 12]; "main" -> ["main", null]. */
function splitSymbol(symbol) {
  if (!symbol) return [null, null];
  const m = /^(.*)\+(0x[0-9a-f]+|\d+)$/i.exec(symbol);
  return m ? [m[1], Number(m[2])] : [symbol, null];
}
