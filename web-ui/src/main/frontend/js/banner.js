// The status banner: one honest sentence about the program's state (running, stopped at
// FILE:LINE (reason), ended with code N, killed by SIGSEGV at 0xADDR, stopped by you), followed by
// the latest message (an error in red). The whole text wraps and is also the element's title.
import { el } from './dom.js';

export class Banner {
  constructor(output) {
    this.output = output;
    this.state = '';
    this.note = '';
    this.isError = false;
  }

  /** The state part; a new state drops the previous message. */
  setState(text) {
    this.state = text;
    this.note = '';
    this.isError = false;
    this.#render();
  }

  /** A message after the state; `isError` shows it as an error. */
  say(text, isError = false) {
    this.note = text;
    this.isError = isError;
    this.#render();
  }

  /** A message that replaces the state (no program to describe: idle, compiling, disconnected). */
  only(text, isError = false) {
    this.state = '';
    this.say(text, isError);
  }

  get text() { return [this.state, this.note].filter(Boolean).join(' — '); }

  #render() {
    const parts = [];
    if (this.state) parts.push(el('span', { class: 'state', text: this.state }));
    if (this.state && this.note) parts.push(' — ');
    if (this.note) parts.push(el('span', { class: this.isError ? 'note error' : 'note', text: this.note }));
    this.output.replaceChildren(...parts);
    this.output.classList.toggle('error', this.isError);
    this.output.title = this.text;
  }
}

/** "Stopped at main.c:4 in main (step)". */
export function stoppedText({ reason, description, frames }) {
  const top = frames[0];
  const where = top?.source?.name ? `${top.source.name}:${top.line}` : top?.instructionPointerReference ?? '?';
  const fn = top?.name ? ` in ${top.name}` : '';
  return `Stopped at ${where}${fn} (${description ?? reason})`;
}

/** The fault a stopped event describes ("Segmentation fault (SIGSEGV) at address 0x0"), or null. */
export function faultOf(description) {
  const m = /\((SIG[A-Z0-9]+)\)(?: at address (0x[0-9a-f]+))?/i.exec(description ?? '');
  return m ? { signal: m[1], address: m[2] ?? null } : null;
}

/**
 * How the program ended: {code, signal (named by the server's console line), byUser (Stop was
 * pressed), fault (the last fault stop's signal and address), limit (a sandbox limit the server named)}
 */
export function endedText({ code, signal, byUser, fault, limit }) {
  if (byUser) return 'Stopped by you';
  if (limit) return `Stopped: ${limit}`;
  // The exit code alone cannot tell exit(139) from a SIGSEGV: only the server's word names a signal.
  if (signal) {
    const at = fault?.signal === signal && fault.address ? ` at ${fault.address}` : '';
    return `Killed by ${signal}${at}`;
  }
  return code == null ? 'The program has ended' : `Ended with code ${code}`;
}
