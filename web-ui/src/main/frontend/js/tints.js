// Source ↔ assembly colour mapping (as Compiler Explorer): a source line and its instructions
// share a tint, chosen by the line number so both panels agree without asking each other; the
// palette (style.css, .tint-0 … .tint-7) cycles, so neighbouring lines differ.
export const TINTS = 8;

/** The tint class of a source line, or null for none. */
export function tintClass(line) {
  return line ? `tint-${line % TINTS}` : null;
}
