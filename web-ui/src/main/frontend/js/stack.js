// The Call stack panel: one entry per frame; selecting one shows its variables and location.
import { el } from './dom.js';

export class StackPanel {
  constructor(list, onSelect) {
    this.list = list;
    this.onSelect = onSelect;
  }

  render(frames, selected) {
    this.list.replaceChildren(...frames.map((f, i) => {
      const where = f.source?.name ? `${f.source.name}:${f.line}` : f.instructionPointerReference ?? '';
      return el('li', {
        tabindex: 0, 'aria-current': i === selected ? 'true' : 'false',
        onclick: () => this.onSelect(i),
        onkeydown: (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); this.onSelect(i); } },
      }, el('span', { text: f.name }), ' ', el('span', { class: 'subtle', text: where }));
    }));
  }

  clear() { this.list.replaceChildren(); }
}
