// The instruction help tooltip of the Disassembly panel: shown for the instruction under the
// pointer (or the one chosen with the arrow keys), with what it does and which variable each of
// its stack operands is. Also renders an instruction's text with its mnemonic and named stack
// operands marked, so both are visible before hovering.
import { el } from './dom.js';
import { describe, mnemonicOf, nameStackOperands } from './insn-help.js';

/**
 * The instruction cell's contents: `<span.code><span.mn>mov</span> …<span.var data-var="i">-0xc(%rbp)</span></span>`,
 * then its `# 0x… <symbol>` comment apart in `<span.comment>` (so it can wrap instead of being clipped).
 */
export function instructionText(text, slots) {
  const hash = text.indexOf(' # ');
  const code = hash < 0 ? text : text.slice(0, hash).trimEnd();
  const comment = hash < 0 ? null : text.slice(hash + 1).trim();
  const parts = [el('span', { class: 'code' }, ...codeParts(code, slots))];
  if (comment) parts.push(' ', el('span', { class: 'comment', text: comment }));
  return parts;
}

function codeParts(text, slots) {
  const mnemonic = mnemonicOf(text);
  const at = mnemonic ? text.indexOf(mnemonic) : -1;
  if (at < 0) return [document.createTextNode(text)];
  const rest = text.slice(at + mnemonic.length);
  const parts = [document.createTextNode(text.slice(0, at)), el('span', { class: 'mn', text: mnemonic })];
  let cursor = 0;
  for (const op of nameStackOperands(rest, slots)) {
    const i = rest.indexOf(op.text, cursor);
    if (i < 0) continue;
    parts.push(document.createTextNode(rest.slice(cursor, i)));
    parts.push(el('span', { class: 'var', 'data-var': op.name ?? null, text: op.text }));
    cursor = i + op.text.length;
  }
  parts.push(document.createTextNode(rest.slice(cursor)));
  return parts;
}

export class InstructionTip {
  constructor() {
    this.tip = el('div', { id: 'insnTip', class: 'insn-tip', role: 'tooltip', hidden: true });
    document.body.append(this.tip);
  }

  /** Shows the help for `text` beside `anchor` (an element of the panel); slots name stack operands. */
  show(anchor, text, slots, effect = null) {
    const mnemonic = mnemonicOf(text);
    const help = describe(mnemonic, text);
    const names = nameStackOperands(text, slots).map((op) => (op.name
      ? el('p', {}, el('code', { text: op.text }), ` is ${op.parameter ? 'the parameter' : 'the variable'} `, el('code', { class: 'varname', text: op.name }))
      : el('p', {}, el('code', { text: op.text }), ` is ${op.note}`)));
    if (!help && !names.length && !effect) { this.hide(); return; }
    this.tip.replaceChildren(...(help ? [el('p', { class: 'help', text: help })] : []), ...names);
    this.tip.hidden = false;
    this.anchor = anchor;
    effect?.then((said) => {
      if (said && this.anchor === anchor && !this.tip.hidden) this.tip.append(el('p', { class: 'effect' }, 'At this stop: ', el('code', { text: said })));
    }, () => {});
    anchor.setAttribute('aria-describedby', 'insnTip');
    const r = anchor.getBoundingClientRect();
    const width = Math.min(420, innerWidth - 16);
    this.tip.style.maxWidth = `${width}px`;
    this.tip.style.left = `${Math.max(8, Math.min(r.left, innerWidth - width - 8))}px`;
    const below = r.bottom + 4;
    const height = this.tip.getBoundingClientRect().height;
    this.tip.style.top = `${below + height > innerHeight ? Math.max(8, r.top - height - 4) : below}px`;
  }

  hide() {
    this.tip.hidden = true;
    this.anchor = null;
  }
}
