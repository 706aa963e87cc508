// WCAG 2 contrast for browser tests: the ratio of two computed CSS colours, and every visible
// text of a page with the colour it is drawn in and the background it is drawn on.

function luminance(rgb) {
  const [r, g, b] = rgb.map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** [r, g, b] of "rgb(r, g, b)" / "rgba(r, g, b, a)". */
export const channels = (css) => css.match(/[\d.]+/g).slice(0, 3).map(Number);

/** WCAG contrast ratio of two opaque colours "rgb(…)". */
export function contrast(a, b) {
  const [x, y] = [luminance(channels(a)), luminance(channels(b))].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}

/**
 * Every visible element with text of its own (not a disabled control: WCAG exempts inactive
 * components), as {what, text, fg, bg}: fg its colour blended over bg, bg the first opaque
 * background behind it (semi-transparent ones blended on the way).
 */
export function visibleTexts(page) {
  return page.evaluate(() => {
    const parse = (css) => { const n = css.match(/[\d.]+/g).map(Number); return { rgb: n.slice(0, 3), a: n[3] ?? 1 }; };
    const over = (top, under) => top.rgb.map((c, i) => Math.round(c * top.a + under[i] * (1 - top.a)));
    const css = (rgb) => `rgb(${rgb.join(', ')})`;
    const background = (node) => {
      const layers = [];
      for (let e = node; e; e = e.parentElement ?? e.getRootNode()?.host) {
        const c = parse(getComputedStyle(e).backgroundColor);
        if (c.a > 0) layers.push(c);
        if (c.a >= 1) break;
      }
      let rgb = [255, 255, 255];
      for (const layer of layers.reverse()) rgb = over(layer, rgb);
      return rgb;
    };
    const out = [];
    for (const e of document.querySelectorAll('body *')) {
      const own = [...e.childNodes].filter((n) => n.nodeType === 3).map((n) => n.textContent).join('').trim();
      if (!own || e.closest('[hidden], script, style, option')) continue;
      const r = e.getBoundingClientRect();
      const s = getComputedStyle(e);
      if (r.width === 0 || r.height === 0 || s.visibility !== 'visible' || Number(s.opacity) === 0) continue;
      if (e.closest('button:disabled, select:disabled, input:disabled, label:has(> :disabled)')) continue;
      const bg = background(e);
      out.push({ what: `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}.${[...e.classList].join('.')}`,
        text: own.slice(0, 40), fg: css(over(parse(s.color), bg)), bg: css(bg) });
    }
    return out;
  });
}
