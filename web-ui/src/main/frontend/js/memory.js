// The Memory panel: bytes around an address as hex and ASCII, 8 per row (one stack slot).
import { el, hex, keepInView } from './dom.js';

export class MemoryPanel {
  constructor(pre) { this.pre = pre; }

  /** @param base BigInt address of the first byte, @param bytes Uint8Array, @param mark BigInt address to mark,
   *  @param labels Map row address → [names of its stack slot] (frame-slots.js) */
  render(base, bytes, mark, labels = new Map()) {
    const rows = [];
    for (let i = 0; i < bytes.length; i += 8) {
      const addr = base + BigInt(i);
      const cells = [];
      let ascii = '';
      for (let j = i; j < i + 8; j++) {
        if (j >= bytes.length) { cells.push('   '); continue; }
        const b = bytes[j];
        const text = b.toString(16).padStart(2, '0');
        cells.push(base + BigInt(j) === mark ? el('span', { class: 'sp', text }) : text);
        cells.push(' ');
        ascii += b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.';
      }
      const slot = labels.get(addr);
      rows.push(el('div', { 'data-address': hex(addr) }, el('span', { class: 'addr', text: hex(addr).padStart(14, ' ') }), ' ', ...cells, ascii,
        ...(slot ? [' ', el('span', { class: 'slot', text: slot.join(', ') })] : [])));
    }
    this.pre.replaceChildren(...rows);
    keepInView(this.pre, this.pre.querySelector('.sp')?.parentElement);
  }

  message(text) { this.pre.textContent = text; }
}
