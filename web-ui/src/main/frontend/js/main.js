// The page: wires the editor, the panels and the controls to the debugger session.
import { $, big, el, hex } from './dom.js';
import { SourceEditor } from './editor.js';
import { examples, fileNames, languageOf } from './examples.js';
import { Debugger } from './debugger.js';
import { DisassemblyView } from './disassembly.js';
import { RegistersPanel } from './registers.js';
import { VariablesPanel } from './variables.js';
import { StackPanel } from './stack.js';
import { MemoryPanel } from './memory.js';
import { OutputPanel } from './output.js';
import { installControls } from './controls.js';
import * as store from './store.js';

const output = new OutputPanel($('output'));
const registers = new RegistersPanel($('registers'));
const memory = new MemoryPanel($('memory'));
const instructionBreakpoints = new Set();
let frames = [];
let selected = 0;
let cursorLine = null; // the source line the user selected: its instructions stay highlighted

const status = (text, isError = false) => {
  $('status').textContent = text;
  $('status').classList.toggle('error', isError);
};

const dbg = new Debugger({
  status,
  output: (text, category) => output.append(text, category),
  diagnostics: (list) => editor.showDiagnostics(list),
  state: (s) => controls.update(s),
  sessionId: (id) => {
    history.replaceState(null, '', `${location.pathname}${location.search}#${id}`);
    store.saveSession(id, settings());
  },
  stopped: showStop,
  ended: (message) => { status(message); registers.clear(); },
});

const editor = new SourceEditor($('editor'), {
  onCompile: () => compile(),
  onBreakpointsChanged: (lines) => {
    store.saveDraft(settings());
    dbg.setSourceBreakpoints(lines).catch((e) => status(`Breakpoint: ${e.message}`, true));
  },
  onHoverLine: (line) => disasm.relate(line ?? cursorLine),
  onCursorLine: (line) => { cursorLine = line; disasm.relate(line); },
});

const disasm = new DisassemblyView($('disasm'), {
  onToggleBreakpoint: (addr) => {
    const key = addr.toString();
    if (instructionBreakpoints.has(key)) instructionBreakpoints.delete(key);
    else instructionBreakpoints.add(key);
    disasm.showBreakpoints(instructionBreakpoints);
    dbg.setInstructionBreakpoints(instructionBreakpoints).catch((e) => status(`Breakpoint: ${e.message}`, true));
  },
  onHoverLine: (line) => editor.highlight({ ...currentLines(), related: line ? [line] : [] }),
  onSelectLine: (line) => editor.selectLine(line),
});

const variables = new VariablesPanel($('variables'), (ref) => dbg.variables(ref));
const stack = new StackPanel($('stack'), (i) => selectFrame(i));
const controls = installControls(dbg, { compile, status, autoStepSpeed: () => Number($('speed').value) });

function settings() {
  return {
    lang: $('language').value, text: editor.text, flags: $('flags').value, args: $('args').value,
    breakpoints: editor.breakpointLines(),
  };
}

function applySettings(s) {
  $('language').value = s.lang ?? 'c';
  editor.setLanguage($('language').value);
  editor.setText(s.text ?? '');
  editor.setBreakpointLines(s.breakpoints ?? []);
  $('flags').value = s.flags ?? '';
  $('args').value = s.args ?? '';
  $('fileName').textContent = fileNames[$('language').value];
}

/** Splits a command-line-like string; quotes group words. */
function words(s) {
  return [...s.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]);
}

async function compile() {
  const s = settings();
  store.saveDraft(s);
  output.clear();
  registers.clear();
  variables.clear();
  stack.clear();
  instructionBreakpoints.clear();
  disasm.clear('Compiling…');
  editor.showDiagnostics([]);
  editor.highlight({});
  status('Compiling…');
  try {
    await dbg.launch({ name: fileNames[s.lang], text: s.text }, words(s.flags), words(s.args), s.breakpoints);
  } catch (e) {
    disasm.clear('');
    status(`Compile failed: ${e.message}`, true);
  }
}

function currentLines() {
  const ours = (f) => f?.source?.path && dbg.sourcePath && f.source.path === dbg.sourcePath;
  return {
    current: ours(frames[0]) ? frames[0].line : null,
    frame: selected > 0 && ours(frames[selected]) ? frames[selected].line : null,
  };
}

async function showStop({ reason, description, frames: stopFrames, generation }) {
  frames = stopFrames;
  const top = frames[0];
  const where = top?.source?.name ? `${top.source.name}:${top.line}` : top?.name ?? '?';
  status(`Stopped (${description ?? reason}) at ${where} in ${top?.name ?? '?'}`);
  await selectFrame(0, generation);
  // Counts the stops shown, so tests and scripts can wait for the page to settle.
  document.body.dataset.stops = String(Number(document.body.dataset.stops ?? 0) + 1);
}

async function selectFrame(i, generation = dbg.generation) {
  selected = i;
  const frame = frames[i];
  if (!frame) return;
  stack.render(frames, i);
  const lines = currentLines();
  editor.highlight(lines);
  editor.reveal(lines.frame ?? lines.current);
  const ip = big(frame.instructionPointerReference);
  const topIp = big(frames[0].instructionPointerReference);
  const work = [];
  if (ip != null) {
    work.push((async () => {
      if (!disasm.shows(ip)) {
        const ins = await dbg.disassemble(await functionStart(ip), 0, 160);
        if (!dbg.isCurrent(generation)) return;
        disasm.render(ins, instructionBreakpoints);
        disasm.relate(cursorLine);
      }
      disasm.highlight(topIp, i > 0 ? ip : null);
    })());
  }
  work.push((async () => {
    const scopes = await dbg.scopes(frame.id);
    if (!dbg.isCurrent(generation)) return;
    const regScope = scopes.find((s) => s.presentationHint === 'registers' || s.name === 'Registers');
    const others = scopes.filter((s) => s !== regScope);
    await Promise.all([
      regScope ? showRegisters(regScope.variablesReference, generation, i === 0) : null,
      variables.render(others),
    ]);
  })());
  await Promise.all(work.map((p) => p.catch((e) => status(e.message, true))));
}

/** Where the function containing `ip` starts (from its symbol+offset), so listings begin there. */
async function functionStart(ip) {
  const [here] = await dbg.disassemble(ip, 0, 1);
  const offset = /\+(0x[0-9a-f]+|\d+)$/i.exec(here?.symbol ?? '')?.[1];
  const start = offset != null ? ip - BigInt(offset) : ip;
  return ip - start > 4096n ? ip : start;
}

async function showRegisters(ref, generation, topFrame) {
  const regs = await dbg.variables(ref);
  let vector = [];
  if ($('showVector').checked) {
    for (const group of regs.filter((r) => r.variablesReference > 0 && !/flags$/.test(r.name))) {
      vector = vector.concat(await flatten(group.variablesReference));
    }
  }
  if (!dbg.isCurrent(generation)) return;
  registers.render(regs, vector, topFrame);
  await showMemory(generation);
}

async function flatten(ref) {
  const out = [];
  for (const v of await dbg.variables(ref)) {
    if (v.variablesReference > 0 && !/^[xy]mm\d+$/.test(v.name)) out.push(...await flatten(v.variablesReference));
    else out.push(v);
  }
  return out;
}

async function showMemory(generation = dbg.generation) {
  if (dbg.state !== 'stopped') return;
  const wanted = $('memoryAddress').value.trim() || '$rsp';
  let address = big(wanted);
  if (address == null) {
    const reg = /^\$?([a-z0-9]+)$/i.exec(wanted)?.[1];
    address = reg ? big(registers.valueOf(reg)) : null;
  }
  try {
    if (address == null) {
      const r = await dbg.evaluate(wanted, frames[selected]?.id);
      address = big(r.memoryReference) ?? big(r.result);
    }
    if (address == null) { memory.message(`Not an address: ${wanted}`); return; }
    const { base, bytes } = await dbg.readMemory(address & ~0x7n, -32, 160);
    if (dbg.isCurrent(generation)) memory.render(base, bytes, address);
  } catch (e) {
    memory.message(`Cannot read ${wanted}: ${e.message}`);
  }
}

// ---- page set-up ----------------------------------------------------------------------------

for (const ex of examples) $('example').append(el('option', { value: ex.id, text: ex.title }));
$('example').addEventListener('change', () => {
  const ex = examples.find((e) => e.id === $('example').value);
  applySettings({ lang: ex.lang, text: ex.text, flags: ex.flags, args: '' });
  store.saveDraft(settings());
});
$('openFile').addEventListener('change', async () => {
  const file = $('openFile').files[0];
  if (!file) return;
  if (file.size > 512 * 1024) { status(`${file.name} is too large to edit here`, true); return; }
  applySettings({ ...settings(), lang: languageOf(file.name), text: await file.text(), breakpoints: [] });
  store.saveDraft(settings());
  $('openFile').value = '';
});
$('language').addEventListener('change', () => {
  editor.setLanguage($('language').value);
  $('fileName').textContent = fileNames[$('language').value];
  store.saveDraft(settings());
});
$('showVector').addEventListener('change', () => { if (dbg.state === 'stopped') selectFrame(selected); });
$('memoryForm').addEventListener('submit', (e) => { e.preventDefault(); showMemory(); });
$('stdinForm').addEventListener('submit', (e) => {
  e.preventDefault();
  const text = `${$('stdin').value}\n`;
  $('stdin').value = '';
  output.append(text, 'stdin');
  Promise.resolve(dbg.writeStdin(text)).catch((err) => status(`Input: ${err.message}`, true));
});
addEventListener('hashchange', () => start());

async function start() {
  const id = location.hash.slice(1);
  const saved = (id && store.loadSession(id)) || store.loadDraft();
  const ex = examples.find((e) => e.id === (saved?.example ?? 'hello')) ?? examples[0];
  applySettings(saved ?? { lang: ex.lang, text: ex.text, flags: ex.flags, args: '' });
  if (!saved) $('example').value = ex.id;
  controls.update('idle');
  if (!id || dbg.client?.sessionId === id) return;
  status('Reconnecting…');
  try {
    await dbg.reconnect(id);
    if (dbg.state === 'idle') status('Reconnected.');
  } catch (e) {
    status(`Could not reconnect: ${e.message}`, true);
  }
}

start();
globalThis.hindsight = { dbg, editor };
