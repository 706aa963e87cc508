// The Disassembly panel: address, symbol+offset and instruction per row, grouped under their
// source line's text and tinted like it, the current instruction highlighted, a breakpoint gutter,
// rows of the hovered source line highlighted (and back), and help for the hovered instruction.
import { el, big, hex, keepInView } from './dom.js';
import { tintClass } from './tints.js';
import { InstructionTip, instructionText } from './insn-tip.js';

export class DisassemblyView {
  constructor(container, { onToggleBreakpoint, onHoverLine, onSelectLine }) {
    this.container = container;
    this.onSelectLine = onSelectLine;
    this.onToggleBreakpoint = onToggleBreakpoint;
    this.onHoverLine = onHoverLine;
    this.rows = new Map(); // address (BigInt as string) -> tr
    // Keyboard: arrows choose an instruction, F9 toggles its breakpoint, Enter selects its line.
    container.addEventListener('keydown', (e) => this.#key(e));
    container.addEventListener('focusout', () => this.tip.hide());
    this.first = null;
    this.last = null;
    this.tip = new InstructionTip();
    this.noticeEl = null;
  }

  clear(message = '') {
    this.rows.clear();
    this.whole = false;
    this.noticeEl = null;
    this.tip.hide();
    this.first = this.last = null;
    this.container.replaceChildren(el('p', { class: 'muted', text: message }));
    this.onLines?.([]);
    this.onClear?.();
  }

  /** True when `address` (BigInt) is listed and not at either edge (where the window should move). */
  shows(address) {
    if (address == null || !this.rows.has(address.toString())) return false;
    return this.whole || (address !== this.first && address !== this.last);
  }

  /**
   * @param instructions DAP DisassembledInstruction[]
   * @param options whole: the listing is the program's functions complete (not a window that should
   *   move near its edges); functionAt(address): the program's function there ({slots}) or null;
   *   sourceLine(location, line): the text of a source line, or null.
   */
  render(instructions, breakpoints, { whole = false, functionAt = () => null, sourceLine = () => null } = {}) {
    this.rows.clear();
    this.first = this.last = null;
    this.whole = whole;
    const body = el('tbody');
    const starts = new Map();
    let symbol = null;
    let line = null;
    for (const ins of instructions) {
      const addr = big(ins.address);
      if (addr == null || ins.presentationHint === 'invalid') continue;
      const [name, offset] = splitSymbol(ins.symbol);
      if (name && !starts.has(name)) starts.set(name, offset != null ? addr - BigInt(offset) : addr);
      if (name !== symbol) {
        if (name) body.append(el('tr', { class: 'sym' }, el('td'), el('td', { colspan: 3, text: `<${name}>:` })));
        line = null;
      }
      symbol = name;
      // Instructions grouped under their source line's text, both in the line's tint.
      const tint = tintClass(ins.line);
      if (ins.line && ins.line !== line) {
        const text = sourceLine(ins.location, ins.line);
        const file = ins.location?.name ?? ins.location?.path?.split('/').pop() ?? '';
        // data-src-line, not data-line: rows with data-line are the instructions.
        const heading = el('tr', { class: `src ${tint}`, 'data-src-line': ins.line, onclick: () => this.onSelectLine(ins.line) },
          el('td'), el('td', { class: 'lineno', text: `${file}:${ins.line}` }),
          el('td', { colspan: 2, class: 'srctext', text: text?.trim() ?? '' }));
        const headingLine = ins.line;
        heading.addEventListener('mouseenter', () => this.onHoverLine(headingLine));
        heading.addEventListener('mouseleave', () => this.onHoverLine(null));
        body.append(heading);
      }
      line = ins.line ?? line;
      const off = name ? `<+${(offset != null ? BigInt(offset) : addr - starts.get(name)).toString()}>` : '';
      const key = addr.toString();
      const slots = functionAt(addr)?.slots ?? [];
      const row = el('tr', { 'data-address': hex(addr), 'data-line': ins.line ?? '', class: [ins.line ? tint : 'noline'].join(' ') },
        el('td', { class: 'bp', title: 'Toggle instruction breakpoint', text: breakpoints.has(key) ? '●' : '',
          onclick: () => this.onToggleBreakpoint(addr) }),
        el('td', { class: 'addr', text: hex(addr) }),
        el('td', { class: 'off', text: off, title: name ? `${name}${off.slice(1, -1)}` : null }),
        el('td', { class: 'insn' }, ...instructionText(ins.instruction ?? '', slots)));
      row.addEventListener('mouseenter', () => {
        this.onHoverLine(ins.line ?? null);
        this.tip.show(row.querySelector('td.insn'), ins.instruction ?? '', slots, this.#effect(row));
      });
      row.addEventListener('mouseleave', () => { this.onHoverLine(null); this.tip.hide(); });
      row.addEventListener('click', (e) => {
        this.#choose(row);
        if (!e.target.classList.contains('bp') && ins.line) this.onSelectLine(ins.line);
      });
      row.slots = slots;
      row.text = ins.instruction ?? '';
      body.append(row);
      this.rows.set(key, row);
      this.first ??= addr;
      this.last = addr;
    }
    this.table = el('table', { 'aria-label': 'Instructions' }, body);
    this.container.replaceChildren(...(this.noticeEl ? [this.noticeEl] : []), this.table);
    this.onLines?.(this.lines());
  }

  /** A line above the listing, e.g. "In library code: <puts@plt>"; null removes it. */
  notice(text) {
    this.noticeEl?.remove();
    this.noticeEl = text ? el('p', { class: 'notice', role: 'status', text }) : null;
    if (this.noticeEl) this.container.prepend(this.noticeEl);
  }

  /** The source lines the listing shows instructions of (for the editor's tints). */
  lines() {
    return [...new Set([...this.rows.values()].map((r) => Number(r.dataset.line)).filter((l) => l > 0))];
  }

  #choose(row) {
    this.container.querySelector('tr.chosen')?.classList.remove('chosen');
    row?.classList.add('chosen');
    row?.scrollIntoView({ block: 'nearest' });
    if (row) this.tip.show(row.querySelector('td.insn'), row.text ?? '', row.slots, this.#effect(row));
  }

  /** For the current instruction only: its effect at this stop (a promise), from the page's `effectOf`. */
  #effect(row) {
    if (!row.classList.contains('current') || !this.effectOf) return null;
    let next = row.nextElementSibling;
    while (next && !next.dataset.address) next = next.nextElementSibling;
    return this.effectOf(row.text ?? '', next ? BigInt(next.dataset.address) : null);
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

/** "main+12" -> ["main", 12]; "main" -> ["main", null]. */
function splitSymbol(symbol) {
  if (!symbol) return [null, null];
  const m = /^(.*)\+(0x[0-9a-f]+|\d+)$/i.exec(symbol);
  return m ? [m[1], Number(m[2])] : [symbol, null];
}
