// What the page shows at a stop: for the selected frame, its line and instruction, the
// disassembly around it, registers, variables and memory; fetched in parallel, dropped when a
// newer stop arrives meanwhile.
import { CodeView } from './code-view.js';
import { frameSlotLabels } from './frame-slots.js';
import { $, big } from './dom.js';
import { stoppedText } from './banner.js';
import { returnValues } from './return-value.js';
import { archRegisters } from './arch.js';

/** Bytes the memory panel shows around its address. */
const MEMORY_WINDOW = { offset: -32, count: 160 };

export class Inspector {
  /** @param parts {dbg, editor, disasm, registers, variables, stack, memory, status, showState(text),
   *  instructionBreakpoints, cursorLine(), watches(), arch() (/mode.json's, null until known)} */
  constructor(parts) {
    Object.assign(this, parts);
    this.frames = [];
    this.selected = 0;
    this.code = new CodeView({
      dbg: parts.dbg, disasm: parts.disasm, editor: parts.editor, instructionBreakpoints: parts.instructionBreakpoints,
      cursorLine: () => this.cursorLine(), functionStart: (ip) => this.functionStart(ip),
      refresh: () => { if (this.dbg.state === 'stopped') this.selectFrame(this.selected); },
    });
  }

  currentLines() {
    const { dbg, frames, selected } = this;
    const ours = (f) => f?.source?.path && dbg.sourcePath && f.source.path === dbg.sourcePath;
    return {
      current: ours(frames[0]) ? frames[0].line : null,
      frame: selected > 0 && ours(frames[selected]) ? frames[selected].line : null,
    };
  }

  async showStop({ reason, description, frames, generation }) {
    this.frames = frames;
    this.showState(stoppedText({ reason, description, frames }));
    await this.selectFrame(0, generation);
    // Counts the stops shown, so tests and scripts can wait for the page to settle.
    document.body.dataset.stops = String(Number(document.body.dataset.stops ?? 0) + 1);
  }

  async selectFrame(i, generation = this.dbg.generation) {
    this.selected = i;
    const frames = this.frames;
    const frame = frames[i];
    if (!frame) return;
    const { dbg, disasm, editor } = this;
    this.stack.render(frames, i);
    const lines = this.currentLines();
    editor.highlight(lines);
    editor.reveal(lines.frame ?? lines.current);
    const ip = big(frame.instructionPointerReference);
    const topIp = big(frames[0].instructionPointerReference);
    const work = [];
    if (ip != null) {
      work.push(this.code.show(ip, topIp, i, generation, frames));
    }
    work.push((async () => {
      const scopes = await dbg.scopes(frame.id);
      if (!dbg.isCurrent(generation)) return;
      const regScope = scopes.find((s) => s.presentationHint === 'registers' || s.name === 'Registers');
      const others = scopes.filter((s) => s !== regScope);
      const returned = others.find((s) => s.presentationHint === 'returnValue');
      this.variables.children = new Map();
      if (returned) {
        const all = await dbg.variables(returned.variablesReference);
        const shown = await returnValues(all, (e) => dbg.evaluate(e, frame.id));
        if (!dbg.isCurrent(generation)) return;
        this.variables.children.set(returned.variablesReference, shown);
      }
      await Promise.all([
        regScope ? this.showRegisters(regScope.variablesReference, generation, i === 0) : null,
        this.watched(frame.id).then((watched) => this.variables.render(others, watched)),
      ]);
    })());
    await Promise.all(work.map((p) => p.catch((e) => this.status(e.message, true))));
  }

  /** Where the function containing `ip` starts (from its symbol+offset), so listings begin there. */
  async functionStart(ip) {
    const [here] = await this.dbg.disassemble(ip, 0, 1);
    const offset = /\+(0x[0-9a-f]+|\d+)$/i.exec(here?.symbol ?? '')?.[1];
    const start = offset != null ? ip - BigInt(offset) : ip;
    return ip - start > 4096n ? ip : start;
  }

  /** The watched expressions evaluated in a frame; an expression that fails shows why. */
  watched(frameId) {
    return Promise.all(this.watches().map((expression) => this.dbg.evaluate(expression, frameId).then(
      (r) => ({ name: expression, value: r.result, type: r.type, variablesReference: r.variablesReference ?? 0 }),
      (e) => ({ name: expression, value: `(${e.message})`, variablesReference: 0 }))));
  }

  async showRegisters(ref, generation, topFrame) {
    const { dbg } = this;
    const regs = await dbg.variables(ref);
    let vector = [];
    if ($('showVector').checked) {
      for (const group of regs.filter((r) => r.variablesReference > 0 && !/flags$/.test(r.name))) {
        vector = vector.concat(await this.flatten(group.variablesReference));
      }
    }
    if (!dbg.isCurrent(generation)) return;
    this.registers.render(regs, vector, topFrame, $('laneFormat').value);
    await this.showMemory(generation);
  }

  async flatten(ref) {
    const out = [];
    for (const v of await this.dbg.variables(ref)) {
      if (v.variablesReference > 0 && !/^[xy]mm\d+$/.test(v.name)) out.push(...await this.flatten(v.variablesReference));
      else out.push(v);
    }
    return out;
  }

  /** The memory panel's address: the one typed, else the architecture's stack pointer ($rsp, $sp). */
  #memoryAddress() {
    return $('memoryAddress').value.trim() || `$${archRegisters(this.arch?.()).stackPointer}`;
  }

  /** The register the memory panel follows (by default the stack pointer) and the window around it, or null. */
  memoryWindow() {
    const wanted = this.#memoryAddress();
    if (big(wanted) != null) return null;
    const reg = /^\$?([a-z0-9]+)$/i.exec(wanted)?.[1];
    return reg && this.registers.valueOf(reg) != null ? { register: reg, ...MEMORY_WINDOW } : null;
  }

  /** Names of the stack slots of the frames from the selected one outwards (frame-slots.js). */
  async #slotLabels(base, bytes) {
    const program = await this.code.listing.of(this.dbg);
    const arch = this.arch?.();
    const rbp = big(this.registers.valueOf(archRegisters(arch).framePointer));
    if (!program || rbp == null) return new Map();
    const read = (a) => {
      const i = Number(a - base);
      return i < 0 || i + 8 > bytes.length ? null : bytes.slice(i, i + 8).reduceRight((v, b) => (v << 8n) | BigInt(b), 0n);
    };
    return frameSlotLabels({ frames: this.frames, from: this.selected, rbp, functionAt: program.functionAt, read, arch });
  }

  async showMemory(generation = this.dbg.generation) {
    const { dbg, memory, registers } = this;
    if (dbg.state !== 'stopped') return;
    const wanted = this.#memoryAddress();
    let address = big(wanted);
    if (address == null) {
      const reg = /^\$?([a-z0-9]+)$/i.exec(wanted)?.[1];
      address = reg ? big(registers.valueOf(reg)) : null;
    }
    try {
      if (address == null) {
        const r = await dbg.evaluate(wanted, this.frames[this.selected]?.id);
        // A pointer prints as "(type *) 0x…": its address is the value.
        address = big(r.memoryReference) ?? big(r.result) ?? big(/0x[0-9a-f]+/i.exec(r.result ?? '')?.[0]);
      }
      if (address == null) { memory.message(`Not an address: ${wanted}`); return; }
      const { base, bytes } = await dbg.readMemory(address & ~0x7n, MEMORY_WINDOW.offset, MEMORY_WINDOW.count);
      const labels = await this.#slotLabels(base, bytes).catch(() => new Map());
      if (dbg.isCurrent(generation)) memory.render(base, bytes, address, labels);
    } catch (e) {
      memory.message(`Cannot read ${wanted}: ${e.message}`);
    }
  }
}
