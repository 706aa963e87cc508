// How a program ended, gathered from the server's events for the banner: its exit code, the signal
// the server said killed it (and a sandbox limit), the fault it stopped at before, and whether Stop
// was pressed (then the page says "stopped", not the SIGKILL that does it).
import { endedText, faultOf } from './banner.js';

export class Ending {
  constructor() {
    this.byUser = false;
  }

  /** An output event: its text for the Output panel, or null when the page says it its own way. */
  output(body) {
    const text = body.output ?? '';
    if ((body.category ?? 'console') !== 'console') return text;
    const killed = /^\[program killed by (SIG[A-Z0-9]+)/m.exec(text);
    const limit = /^\[program stopped: (.*) \((SIG[A-Z0-9]+)\)\]/m.exec(text);
    if (killed) this.signal = killed[1];
    if (limit) this.limit = limit[1];
    return this.byUser && (killed || limit) ? null : text;
  }

  /** A stop for a signal ("Segmentation fault (SIGSEGV) at address 0x0"): where a later death happened. */
  faulted(description) {
    this.fault = faultOf(description);
  }

  /** The exited event: its line for the Output panel. */
  exited(code) {
    this.code = code;
    return this.byUser ? '\n[program stopped]\n' : `\n[program exited with code ${code}]\n`;
  }

  /** The banner once the program is gone. */
  message() {
    return `${endedText(this)}. Restart or Compile to run it again.`;
  }
}
