// What the panels say about the program's state: while it runs they keep the last stop, greyed
// after a moment (quick steps and auto-step do not flicker) with no line or instruction lit; once
// it is gone they are cleared, so nothing shows a past that no longer exists.

/** How long a program runs before its last stop is greyed. */
const STALE_AFTER_MS = 300;

export class ProgramView {
  /** @param parts {banner, editor, disasm, registers, variables, stack, memory, inspector, inputWait} */
  constructor(parts) {
    Object.assign(this, parts);
    this.staleTimer = null;
  }

  /** The debugger's state changed (idle | launching | stopped | running | ended). */
  state(s) {
    document.body.dataset.state = s;
    this.inputWait.reset();
    clearTimeout(this.staleTimer);
    if (s === 'running') {
      this.banner.setState('Running…');
      this.staleTimer = setTimeout(() => this.#markStale(true), STALE_AFTER_MS);
    } else {
      this.#markStale(false);
    }
  }

  /** Nothing is stopped any more: no highlighted line or instruction, no values that no longer exist. */
  clear() {
    this.inspector.frames = [];
    this.editor.highlight({});
    this.disasm.highlight(null, null);
    this.registers.clear();
    this.variables.clear();
    this.stack.clear();
    this.memory.message('');
  }

  #markStale(stale) {
    document.body.classList.toggle('stale', stale);
    this.editor.setStale(stale);
  }
}
