'use strict';
// cdt-gdb-adapter, the unmodified npm package (Eclipse CDT's DAP adapter over GDB/MI), driven by
// @vscode/debugadapter-testsupport's DebugClient with its `gdb` launch argument pointing at a
// debugger: bin/hindsight-gdb, or real gdb to show the same expectations hold there.
const fs = require('fs');
const path = require('path');
const { DebugClient } = require('@vscode/debugadapter-testsupport');
const { ROOT } = require('./fixtures');

const HINDSIGHT_GDB = path.join(ROOT, 'bin', 'hindsight-gdb');
/** Generous against hangs on a loaded machine; never a speed expectation. */
const TIMEOUT = 60000;

/**
 * The debuggers each test runs against: both by default (gdb is the oracle: a check that fails
 * there is a wrong expectation), or the ones named in MI_FRONT_END_GDBS ("hindsight", "gdb").
 */
function debuggers() {
  const names = (process.env.MI_FRONT_END_GDBS || 'hindsight gdb').split(/[\s,]+/).filter(Boolean);
  return names.map(n => ({ name: n, path: n === 'hindsight' ? HINDSIGHT_GDB : n }));
}

/**
 * A started DebugClient on cdt-gdb-adapter; `output` collects every output event's text (one
 * entry per event: with MI_FRONT_END_LOG the adapter's log lines come as events too, so tests
 * match whole events, anchored).
 */
async function startAdapter() {
  const adapter = require.resolve('cdt-gdb-adapter/dist/debugAdapter.js');
  const dc = new DebugClient('node', adapter, 'cppdbg', { shell: false }, true);
  dc.defaultTimeout = TIMEOUT;
  await dc.start();
  dc.output = [];
  dc.on('output', e => dc.output.push(e.body.output));
  return dc;
}

/**
 * initialize + launch (with cdt-gdb-adapter's log when MI_FRONT_END_LOG names a directory),
 * `setup(dc)` to set breakpoints, then configurationDone: the program runs. With `untilStop`,
 * returns the first stop as {@link stopped} does.
 */
async function launch(dc, gdb, program, setup = async () => {}, untilStop = false) {
  await dc.initializeRequest({ adapterID: 'cdt-gdb', linesStartAt1: true, columnsStartAt1: true, pathFormat: 'path' });
  const args = { gdb: gdb.path, program };
  if (process.env.MI_FRONT_END_LOG) {
    fs.mkdirSync(process.env.MI_FRONT_END_LOG, { recursive: true });
    Object.assign(args, { verbose: true, logFile: path.join(process.env.MI_FRONT_END_LOG, `${gdb.name}-${path.basename(program)}.log`) });
  }
  await Promise.all([dc.waitForEvent('initialized'), dc.launchRequest(args)]);
  await setup(dc);
  if (untilStop) return stopped(dc, () => dc.configurationDoneRequest());
  await dc.configurationDoneRequest();
  return null;
}

/**
 * Waits for the next stopped event (listening before `request` is sent: the event may come
 * before the request's response) and returns it with the stack.
 */
async function stopped(dc, request = async () => {}) {
  const [e] = await Promise.all([dc.waitForEvent('stopped'), request()]);
  const st = await dc.stackTraceRequest({ threadId: e.body.threadId });
  return { reason: e.body.reason, threadId: e.body.threadId, frames: st.body.stackFrames, top: st.body.stackFrames[0] };
}

/** The variables of a frame's scope by name ('Local' or 'Registers'), as a name → variable map. */
async function scope(dc, frameId, name) {
  const scopes = (await dc.scopesRequest({ frameId })).body.scopes;
  const s = scopes.find(x => x.name === name);
  if (!s) throw new Error(`no scope ${name} in ${JSON.stringify(scopes)}`);
  const vars = (await dc.variablesRequest({ variablesReference: s.variablesReference })).body.variables;
  return Object.fromEntries(vars.map(v => [v.name, v]));
}

/** The program's locals (and arguments) as name → value text. */
async function locals(dc, frameId) {
  const vars = await scope(dc, frameId, 'Local');
  return Object.fromEntries(Object.entries(vars).map(([k, v]) => [k, v.value]));
}

/** Whether one output event's whole text matches `re`. */
function printed(dc, re) {
  return dc.output.some(o => re.test(o));
}

async function stop(dc) {
  try {
    await dc.disconnectRequest({});
  } finally {
    await dc.stop();
  }
}

module.exports = { debuggers, startAdapter, launch, stopped, scope, locals, printed, stop, TIMEOUT };
