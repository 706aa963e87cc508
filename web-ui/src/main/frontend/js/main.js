// The page: wires the editor, the panels and the controls to the debugger session.
import { $, el } from './dom.js';
import { Inspector } from './inspector.js';
import { archRegisters } from './arch.js';
import { SourceEditor } from './editor.js';
import { examples, examplesFor, fileNames, languageOf } from './examples.js';
import { Debugger } from './debugger.js';
import { shortPaths } from './protocol.js';
import { DisassemblyView } from './disassembly.js';
import { RegistersPanel } from './registers.js';
import { VariablesPanel } from './variables.js';
import { StackPanel } from './stack.js';
import { MemoryPanel } from './memory.js';
import { OutputPanel, bindProgramInput } from './output.js';
import { installControls } from './controls.js';
import { Recording } from './recording.js';
import * as store from './store.js';
import { Banner } from './banner.js';
import { ProgramView } from './program-view.js';
import { InputWaitView } from './input-wait.js';
import { effectAtStop } from './insn-effect.js';
import { installFlavorSwitch } from './flavor.js';

const output = new OutputPanel($('output'));
const registers = new RegistersPanel($('registers'));
const memory = new MemoryPanel($('memory'));
const instructionBreakpoints = new Set();
let cursorLine = null; // the source line the user selected: its instructions stay highlighted

const banner = new Banner($('status'));
// A message while a program lives follows the banner's state; otherwise it is all there is to say.
const status = (text, isError = false) => {
  if (dbg.state === 'stopped' || dbg.state === 'running') banner.say(text, isError);
  else banner.only(text, isError);
};
let stopText = ''; // the banner of the last stop shown, said again when a request to move is refused

const dbg = new Debugger({
  status,
  output: (text, category) => output.append(text, category),
  diagnostics: (list) => editor.showDiagnostics(list),
  state: (s) => { controls.update(s); view.state(s); },
  waitingForInput: (waiting, running) => inputWait.set(waiting, running),
  resumeFailed: () => { banner.setState(stopText); inspector.selectFrame(inspector.selected); },
  sessionId: (id, reconnecting, secret) => {
    history.replaceState(null, '', `${location.pathname}${location.search}#${id}`);
    if (secret) store.saveSecret(id, secret);
    if (!reconnecting) store.saveSession(id, settings());
  },
  reconnectedTo: async (source) => {
    // A session started in another browser (single-session mode): show what it compiled.
    const id = location.hash.slice(1);
    if (store.loadSession(id)) return;
    const text = await dbg.sourceText(source).catch(() => null);
    if (text == null) return;
    $('language').value = languageOf(source.name ?? source.path);
    editor.setLanguage($('language').value);
    editor.setText(text, { silent: true });
    $('fileName').textContent = source.name ?? '';
    store.saveSession(id, settings());
  },
  stopped: async (stop) => {
    await recording?.afterStop(stop);
    await inspector.showStop(stop);
  },
  showSource: (source) => recording?.showSource(source),
  capabilities: () => controls?.update(dbg.state),
  memoryWindow: () => inspector.memoryWindow(),
  ended: (message) => {
    // A served recording has no Compile button: its page is reloaded or restarted instead.
    banner.setState(!recording ? message : message.replace('Press Compile to start a new one.', 'Reload the page to open the recording again.')
      .replace('Restart or Compile to run it again.', 'Restart to open the recording again.'));
    view.clear();
  },
});

const editor = new SourceEditor($('editor'), {
  onCompile: () => compile(),
  onBreakpointsChanged: (lines) => {
    if (recording) recording.keepBreakpoints();
    else store.saveDraft(settings());
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
    recording?.invalidateTimeline();
    dbg.setInstructionBreakpoints(instructionBreakpoints).catch((e) => status(`Breakpoint: ${e.message}`, true));
  },
  onHoverLine: (line) => editor.highlight({ ...inspector.currentLines(), related: line ? [line] : [] }),
  onSelectLine: (line) => editor.selectLine(line),
});
// The current instruction's effect at this stop, from the top frame's registers and its memory.
disasm.effectOf = (text, next) => (dbg.state === 'stopped' && !inspector.selected && registers.shown
  ? effectAtStop(text, registers.shown, readValue, next, dbg.launchArguments?.disassemblyFlavor) : null);
async function readValue(address, size) {
  const { bytes } = await dbg.readMemory(address, 0, size);
  return bytes.reduceRight((v, b) => (v << 8n) | BigInt(b), 0n);
}

const variables = new VariablesPanel($('variables'), (ref) => dbg.variables(ref), (expression) => {
  store.saveWatches(store.loadWatches().filter((w) => w !== expression));
  recording?.saveView();
  refresh();
});
const stack = new StackPanel($('stack'), (i) => inspector.selectFrame(i));
const inspector = new Inspector({
  dbg, editor, disasm, registers, variables, stack, memory, status, instructionBreakpoints,
  showState: (text) => { stopText = text; banner.setState(text); },
  cursorLine: () => cursorLine, watches: () => store.loadWatches(), arch: () => mode?.arch ?? null,
});
const refresh = () => { if (dbg.state === 'stopped') inspector.selectFrame(inspector.selected); };
let recording = null; // set when the server serves a recording (serve TRACE_DIR)
const inputWait = new InputWaitView(banner, $('stdinForm'), $('stdin'));
const view = new ProgramView({ banner, editor, disasm, registers, variables, stack, memory, inspector, inputWait });
const controls = installControls(dbg, { compile, status, autoStepSpeed: () => Number($('speed').value) });

function settings() {
  return {
    example: shownExample, lang: $('language').value, text: editor.text, flags: $('flags').value, args: $('args').value,
    breakpoints: editor.breakpointLines(),
  };
}

function applySettings(s) {
  // The menu names the example shown (a draft saved before it was remembered: the one with its text).
  showExample(s.example ?? examples.find((e) => e.text === s.text)?.id ?? '');
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
  const record = $('record').checked;
  status(record ? 'Compiling, then recording the run and indexing it (see Output)…' : 'Compiling…');
  try {
    await dbg.launch({ name: fileNames[s.lang], text: s.text }, words(s.flags), words(s.args), s.breakpoints, { record });
  } catch (e) {
    disasm.clear('');
    // A closed socket already said why (e.g. the server is busy).
    if (!e.closed) status(`Compile failed: ${shortPaths(e.message)}`, true);
  }
}

// ---- page set-up ----------------------------------------------------------------------------

/**
 * Another program in the editor: the one debugged so far ends, and nothing of it stays (its
 * watches, highlighted lines and instructions, the selected line) to be mistaken for the new one's.
 */
function switchProgram(s) {
  applySettings(s);
  store.saveDraft(settings());
  store.saveWatches([]);
  cursorLine = null;
  instructionBreakpoints.clear();
  disasm.clear('The machine code appears here once the program runs.');
  view.clear();
  output.clear();
  // A reload now shows this program, not the session of the previous one.
  history.replaceState(null, '', `${location.pathname}${location.search}`);
  banner.only('Press Compile to run it.');
  dbg.end();
}

// The example shown ('' for the user's own program), kept while the menu cannot offer it yet.
let shownExample = '';

/**
 * Selects example `id` in the menu; '' (an opened file) shows "Your own program", there only then,
 * as does an example the menu does not offer (yet: the server's architecture decides the assembly ones).
 */
function showExample(id) {
  shownExample = id;
  const offered = id && $('example').querySelector(`option[value="${CSS.escape(id)}"]`);
  const own = $('example').querySelector('option[value=""]');
  if (!offered && !own) $('example').prepend(el('option', { value: '', text: 'Your own program', disabled: true }));
  if (offered) own?.remove();
  $('example').value = offered ? id : '';
}

/** Fills the menu with the examples a server of architecture `arch` runs (mode.json's; none of the assembly ones before it is known). */
function offerExamples(arch) {
  for (const o of [...$('example').querySelectorAll('option')]) if (o.value) o.remove();
  for (const ex of examplesFor(arch)) $('example').append(el('option', { value: ex.id, text: ex.title }));
  showExample(shownExample);
}

offerExamples(null);
$('example').addEventListener('change', () => {
  const ex = examples.find((e) => e.id === $('example').value);
  switchProgram({ example: ex.id, lang: ex.lang, text: ex.text, flags: ex.flags, args: '' });
});
$('openFile').addEventListener('change', async () => {
  const file = $('openFile').files[0];
  if (!file) return;
  if (file.size > 512 * 1024) { status(`${file.name} is too large to edit here`, true); return; }
  switchProgram({ ...settings(), example: '', lang: languageOf(file.name), text: await file.text(), breakpoints: [] });
  $('openFile').value = '';
});
$('language').addEventListener('change', () => {
  editor.setLanguage($('language').value);
  $('fileName').textContent = fileNames[$('language').value];
  store.saveDraft(settings());
});
$('showVector').addEventListener('change', refresh);
$('laneFormat').addEventListener('change', refresh);
installFlavorSwitch({ dbg, disasm, status });
$('watchForm').addEventListener('submit', (e) => {
  e.preventDefault();
  const expression = $('watchExpression').value.trim();
  $('watchExpression').value = '';
  if (!expression || store.loadWatches().includes(expression)) return;
  store.saveWatches([...store.loadWatches(), expression]);
  recording?.saveView();
  refresh();
});
$('memoryForm').addEventListener('submit', (e) => { e.preventDefault(); inspector.showMemory(); });
bindProgramInput($('stdinForm'), $('stdin'), $('stdinEof'), (args) =>
  Promise.resolve(dbg.client?.request('writeStdin', args)).catch((err) => status(`Input: ${err.message}`, true)));
addEventListener('hashchange', () => start());

/** The server's recording, opened in a session of this page's own (or the one in the URL, reattached). */
async function openRecording(mode) {
  recording ??= new Recording({ dbg, editor, status, watches: () => store.loadWatches(), frames: () => inspector.frames });
  recording.open(mode);
  variables.onOrigin = (expression) => recording.showOrigin(expression).catch((e) => status(`Origin of ${expression}: ${e.message}`, true));
  const id = location.hash.slice(1);
  controls.update('idle');
  if (id && dbg.client?.sessionId === id) return;
  try {
    if (id && store.loadSecret(id)) {
      status('Reconnecting…');
      dbg.followSources = true;
      await dbg.reconnect(id, store.loadSecret(id));
      return;
    }
  } catch (e) {
    // gone (the server restarted): open the recording afresh below
  }
  status('Opening the recording…');
  try {
    await dbg.launchTrace([]);
    await recording.firstStop;
    await recording.restoreView(store.saveWatches);
    refresh();
  } catch (e) {
    if (!e.closed) status(`Cannot open the recording: ${e.message}`, true);
  }
}

let mode = null;

async function start() {
  const launches = dbg.launches;
  const id = location.hash.slice(1);
  if (!recording) {
    const saved = (id && store.loadSession(id)) || store.loadDraft();
    const ex = examples[0];
    applySettings(saved ?? { example: ex.id, lang: ex.lang, text: ex.text, flags: ex.flags, args: '' });
    controls.update('idle');
  }
  if (id && dbg.client?.sessionId === id) return;
  // Asked once: whether every page shares one session, and whether the server serves a recording.
  mode ??= await fetch('mode.json').then((r) => r.json()).catch(() => null);
  offerExamples(mode?.arch ?? null);
  // The memory panel follows the architecture's stack pointer: named now, shown again if a stop came first.
  $('memoryAddress').placeholder = `$${archRegisters(mode?.arch).stackPointer}`;
  if (dbg.state === 'stopped') inspector.showMemory();
  if (mode?.trace) { await openRecording(mode.trace); return; }
  if (!id) {
    // Without a session in the URL, join the server's one session when it has only one.
    if (!mode?.singleSession) return;
    // Compile was clicked while we asked: that new program is the session now, not the old one.
    if (dbg.launches !== launches) return;
  }
  status('Reconnecting…');
  try {
    await dbg.reconnect(id || null, id ? store.loadSecret(id) : null);
    if (dbg.state === 'idle') status('Reconnected.');
  } catch (e) {
    // A closed socket already said why (e.g. the session expired).
    if (dbg.state !== 'ended') status(`Could not reconnect: ${e.message}`, true);
  }
}

start();
globalThis.hindsight = { dbg, editor, recording: () => recording };
