// Tiny DOM helpers. Text from the program or the debugger only ever goes in as textContent.
export function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v == null || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k === 'text') e.textContent = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children) if (c != null) e.append(c);
  return e;
}

export const $ = (id) => document.getElementById(id);

/** Parses "0x…" or decimal into a BigInt, or null. */
export function big(value) {
  if (value == null) return null;
  const s = String(value).trim().split(/\s/)[0];
  try { return /^-?(0x[0-9a-f]+|\d+)$/i.test(s) ? BigInt(s) : null; } catch { return null; }
}

export const hex = (n) => `0x${n.toString(16)}`;

/** Scrolls `container` (only it, never the page) so `child` is well inside, centring it when it is near an edge. */
export function keepInView(container, child) {
  if (!child) return;
  const c = container.getBoundingClientRect();
  const r = child.getBoundingClientRect();
  const margin = c.height * 0.2;
  if (r.top < c.top + margin || r.bottom > c.bottom - margin) {
    container.scrollTop += r.top - c.top - (c.height - r.height) / 2;
  }
}
