// The Variables panel: watched expressions, Locals, Arguments and Globals as an expandable tree;
// children are fetched when opened and stay open across steps; values changed by the last step
// are highlighted.
import { el } from './dom.js';

export class VariablesPanel {
  constructor(container, fetchChildren, onUnwatch) {
    this.container = container;
    this.fetchChildren = fetchChildren;
    this.onUnwatch = onUnwatch;
    this.open = new Set(['Return value', 'Locals', 'Arguments']);
    this.children = new Map(); // variablesReference -> children known already (the page's own choice)
    this.previous = new Map();
    this.current = new Map();
  }

  /** @param scopes [{name, variablesReference}]; @param watched [{name (the expression), value, type, variablesReference}] */
  async render(scopes, watched = []) {
    this.current = new Map();
    const groups = [];
    if (watched.length) {
      const items = [];
      for (const w of watched) {
        const item = await this.#node(w, `Watch/${w.name}`);
        item.insertBefore(el('button', { class: 'toggle unwatch', type: 'button', text: '×',
          'aria-label': `Stop watching ${w.name}`, onclick: () => this.onUnwatch(w.name) }), item.children[1]);
        items.push(item);
      }
      groups.push(el('li', { role: 'treeitem', 'aria-expanded': 'true' }, el('span', { class: 'scope', text: 'Watch' }),
        el('ul', { role: 'group' }, ...items)));
    }
    for (const s of scopes) {
      groups.push(await this.#node({ name: s.name, value: '', variablesReference: s.variablesReference }, s.name, true));
    }
    this.previous = this.current;
    this.container.replaceChildren(el('ul', { role: 'group' }, ...groups));
  }

  clear() {
    this.previous = new Map();
    this.container.replaceChildren();
  }

  async #node(v, path, isScope = false) {
    const expandable = v.variablesReference > 0;
    const isOpen = expandable && this.open.has(path);
    const changed = !isScope && this.previous.has(path) && this.previous.get(path) !== v.value;
    if (!isScope) this.current.set(path, v.value);
    const toggle = expandable
      ? el('button', { class: 'toggle', type: 'button', 'aria-label': `${isOpen ? 'Collapse' : 'Expand'} ${v.name}`,
        text: isOpen ? '▾' : '▸', onclick: () => this.#toggle(v, path, item) })
      : el('span', { class: 'toggle', text: ' ' });
    const label = isScope
      ? el('span', { class: 'scope', text: v.name })
      : el('span', {}, el('span', { class: 'name', text: v.name }), ' = ',
        el('span', { class: changed ? 'value changed' : 'value', text: v.value ?? '' }),
        v.type ? el('span', { class: 'type', text: `  ${v.type}` }) : null);
    // On a recording: where the value came from, one click away (the page sets onOrigin).
    const expression = v.evaluateName ?? (path.split('/').length === 2 ? v.name : null);
    const origin = !isScope && this.onOrigin && expression
      ? el('button', { class: 'origin', type: 'button', text: '⟵', title: `Where ${expression} got its value`,
        'aria-label': `Origin of ${expression}`, onclick: () => this.onOrigin(expression) })
      : null;
    const item = el('li', { role: 'treeitem', 'aria-expanded': expandable ? String(isOpen) : null, 'data-path': path }, toggle, label, origin);
    if (isOpen) item.append(await this.#children(v, path));
    return item;
  }

  async #children(v, path) {
    let kids = [];
    try { kids = this.children.get(v.variablesReference) ?? await this.fetchChildren(v.variablesReference); } catch (e) { kids = [{ name: '(error)', value: e.message }]; }
    const items = [];
    for (const k of kids) items.push(await this.#node(k, `${path}/${k.name}`));
    return el('ul', { role: 'group' }, ...items);
  }

  async #toggle(v, path, item) {
    if (this.open.has(path)) this.open.delete(path);
    else this.open.add(path);
    const fresh = await this.#node(v, path, item.querySelector(':scope > .scope') != null);
    item.replaceWith(fresh);
  }
}
