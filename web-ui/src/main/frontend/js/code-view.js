// What the Disassembly panel lists at a stop. By default the program's own functions, whole
// (listing.js); when the program is in library code, a notice saying where instead of the
// library's instructions. With "Show library code" on (or when the program has no functions of
// its own in its debug information, e.g. assembly), a window of instructions around the pc that
// follows it anywhere. Either way the editor's lines get the tints of their instructions.
import { $, big, el } from './dom.js';
import { ProgramListing } from './listing.js';

const WINDOW = 160;

export class CodeView {
  /** @param parts {dbg, disasm, editor, instructionBreakpoints, cursorLine(), functionStart(ip), refresh()} */
  constructor(parts) {
    Object.assign(this, parts);
    this.listing = new ProgramListing();
    this.shown = null;
    // The editor's lines take the tints of the instructions listed (none once the panel is cleared).
    this.disasm.onLines = (lines) => this.editor.setTints?.(lines);
    // Cleared for a new program or another syntax: the listing is fetched again at the next stop.
    this.disasm.onClear = () => this.invalidate();
    $('disasmPanel')?.querySelector('h2')?.append(el('label', {
      class: 'small', title: 'List the C library, the PLT and start-up code too, and follow the program into them',
    }, el('input', { id: 'showLibrary', type: 'checkbox' }), ' Show library code'));
    $('showLibrary')?.addEventListener('change', () => {
      this.shown = null;
      this.disasm.whole = false;
      this.disasm.first = this.disasm.last = null; // the window moves to the pc again
      this.refresh();
    });
  }

  /** @param frames the stack (DAP frames), for the program's own caller when the pc is in library code */
  async show(ip, topIp, frameIndex, generation, frames = []) {
    const { dbg, disasm, editor } = this;
    const program = await this.listing.of(dbg).catch(() => null);
    if (!dbg.isCurrent(generation)) return;
    const sourceLine = (location, line) => (location?.path && location.path === dbg.sourcePath
      ? editor.text.split('\n')[line - 1] ?? null : null);
    const functionAt = program?.functionAt ?? (() => null);
    const library = $('showLibrary')?.checked || !program?.functions.length;
    if (!library) {
      if (!(disasm.whole && this.shown === program)) {
        disasm.render(program.instructions, this.instructionBreakpoints, { whole: true, functionAt, sourceLine });
        this.shown = program;
        this.#afterRender();
      }
      const where = program.functionAt(ip) ? null : (await dbg.disassemble(ip, 0, 1))[0]?.symbol;
      if (!dbg.isCurrent(generation)) return;
      disasm.notice(program.functionAt(ip) ? null
        : `In library code: <${where ?? `0x${ip.toString(16)}`}>. Turn on “Show library code” to follow it there.`);
      if (frameIndex === 0 && !program.functionAt(topIp)) {
        // The program's own frame that called into the library is marked as a selected frame's would be.
        const caller = frames.map((f) => big(f.instructionPointerReference)).find((a) => a != null && program.functionAt(a));
        disasm.highlight(topIp, caller ?? null);
        return;
      }
    } else {
      this.shown = null;
      if (!disasm.shows(ip)) {
        const ins = await dbg.disassemble(await this.functionStart(ip), 0, WINDOW);
        if (!dbg.isCurrent(generation)) return;
        disasm.notice(null);
        disasm.render(ins, this.instructionBreakpoints, { functionAt, sourceLine });
        this.#afterRender();
      }
      disasm.notice(null);
    }
    disasm.highlight(topIp, frameIndex > 0 ? ip : null);
  }

  /** Forgets the fetched listing (e.g. after the disassembly syntax changed): the next stop fetches it again. */
  invalidate() {
    this.listing = new ProgramListing();
    this.shown = null;
  }

  #afterRender() {
    this.disasm.relate(this.cursorLine());
  }
}
