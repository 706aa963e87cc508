'use strict';
// Session life cycle from a real DAP client: initialize, launch (sources compiled by clang or an
// executable), stopOnEntry, args/env/cwd, compile errors, output while running, pause, exit
// codes, terminate, disconnect, restart, and the --port transport.
const test = require('node:test');
const assert = require('assert/strict');
const fs = require('fs');
const net = require('net');
const { spawn } = require('child_process');
const { Session } = require('../lib/session');
const path = require('path');
const { adapterCommand, ROOT } = require('../lib/adapter');
const fixtures = require('../lib/fixtures');
const { atEntry, atLine } = require('../lib/scenarios');
const { alive, until } = require('../lib/proc');

const T = { timeout: 120000 };

test('initialize announces the capabilities issue 4 requires, then the initialized event', T, async t => {
  const s = Session.open(t);
  const caps = await s.initialize();
  await s.event('initialized');
  for (const c of ['supportsConfigurationDoneRequest', 'supportsConditionalBreakpoints', 'supportsHitConditionalBreakpoints',
    'supportsLogPoints', 'supportsFunctionBreakpoints', 'supportsInstructionBreakpoints', 'supportsDataBreakpoints',
    'supportsBreakpointLocationsRequest', 'supportsSetVariable', 'supportsSteppingGranularity', 'supportsDisassembleRequest',
    'supportsReadMemoryRequest', 'supportsWriteMemoryRequest', 'supportsExceptionInfoRequest', 'supportsLoadedSourcesRequest',
    'supportsTerminateRequest', 'supportsRestartRequest', 'supportsCancelRequest', 'supportsValueFormattingOptions',
    'supportsEvaluateForHovers']) {
    assert.equal(caps[c], true, c);
  }
});

test('stopOnEntry stops at main of a C source compiled by clang; continue runs to the exit code', T, async t => {
  const s = await atEntry(t, 'basics.c');
  const top = await s.top();
  assert.match(top.name, /^main\b/);
  assert.equal(top.source.path, fixtures.source('basics.c'));
  assert.match(top.instructionPointerReference, /^0x[0-9a-f]+$/);
  await s.request('continue', { threadId: s.threadId });
  await s.outputContaining('stdout', 'out: 26 25 55 0.25\n');
  await s.outputContaining('stderr', 'err: 62\n');
  const exited = await s.event('exited');
  assert.equal(exited.body.exitCode, 6);
  await s.event('terminated');
});

test('launching an executable runs it without stopping when there is no breakpoint', T, async t => {
  const s = Session.open(t);
  await s.launch({ program: fixtures.compile('basics.c') });
  assert.equal((await s.event('exited')).body.exitCode, 6);
  await s.event('terminated');
  assert.ok(!s.events.some(e => e.event === 'stopped'), 'no stop expected');
});

test('args, env (exactly the given environment) and cwd reach the program', T, async t => {
  const s = Session.open(t);
  const cwd = fixtures.tempDir();
  await s.launch({ program: fixtures.source('launch_args.c'), args: ['first arg', 'two'], env: { HINDSIGHT_DAP_TEST: 'yes' }, cwd });
  await s.outputContaining('stdout', `arg=first arg env=yes cwd=${fs.realpathSync(cwd)} envp0=PATH-unset\n`);
  assert.equal((await s.event('exited')).body.exitCode, 3);
});

test('a C++ source is compiled with clang++ and runs to its exit code', T, async t => {
  const s = Session.open(t);
  await s.launch({ program: fixtures.source('lock_shapes.cpp') });
  assert.equal((await s.event('exited')).body.exitCode, 117);
});

test('sourceFiles and compilerArgs are compiled together', T, async t => {
  const s = Session.open(t);
  await s.launch({ sourceFiles: [fixtures.source('basics.c')], compilerArgs: ['-DUNUSED_MACRO=1'] });
  assert.equal((await s.event('exited')).body.exitCode, 6);
});

test('a compile error fails the launch with file:line:column, also as an output event', T, async t => {
  const s = Session.open(t);
  await s.initialize();
  const r = await s.raw('launch', { program: fixtures.source('broken.c') });
  assert.equal(r.success, false);
  const where = `broken.c:${fixtures.line('broken.c', 'nowhere') }`;
  const text = r.message + ' ' + JSON.stringify(r.body || {});
  assert.match(text, /undefined_name/);
  await s.outputContaining(undefined, where);
  assert.match(s.output(), new RegExp(`broken\\.c:${fixtures.line('broken.c', 'nowhere')}:\\d+`));
  // the adapter still serves: a threads request is answered, and no program runs
  const seq = s.dc.sequence;
  const threads = await s.raw('threads');
  assert.equal(threads.type, 'response');
  assert.equal(threads.request_seq, seq);
  assert.equal(threads.command, 'threads');
  assert.equal(threads.success, true, JSON.stringify(threads));
  assert.deepEqual(threads.body.threads, []);
});

test('output arrives while the program runs, and pause stops the endless loop, twice', T, async t => {
  const s = Session.open(t);
  await s.launch({ program: fixtures.source('ticker.c') });
  await s.outputContaining('stdout', 'tick from stdout, pid ');
  await s.outputContaining('stderr', 'tock from stderr\n');
  assert.ok(!s.events.some(e => e.event === 'exited'), 'the program is still running');
  const threads = (await s.request('threads')).body.threads;
  assert.ok(threads.length >= 1);
  await s.request('pause', { threadId: threads[0].id });
  const stop = await s.stopped('pause');
  assert.ok(stop.threadId);
  const top = await s.top();
  assert.equal(top.line, fixtures.line('ticker.c', 'spin'));
  // resuming and pausing again works too
  await s.request('continue', { threadId: s.threadId });
  await s.request('pause', { threadId: s.threadId });
  await s.stopped('pause');
  assert.equal((await s.top()).line, fixtures.line('ticker.c', 'spin'));
});

test('terminate ends a running program with the terminated event', T, async t => {
  const s = Session.open(t);
  await s.launch({ program: fixtures.source('ticker.c') });
  await s.outputContaining('stderr', 'tock from stderr\n');
  await s.request('terminate');
  await s.event('terminated');
});

test('terminate right after continue ends the program', T, async t => {
  for (let round = 0; round < 3; round++) {
    const s = Session.open(t);
    await s.launch({ program: fixtures.source('ticker.c'), stopOnEntry: true });
    await s.stopped('entry');
    await s.request('continue', { threadId: s.threadId });
    await s.request('terminate');
    await s.event('terminated', () => true, 15000);
    await s.close();
  }
});

test('terminate while the program is stopped ends it with exited and terminated events', T, async t => {
  const s = await atEntry(t, 'ticker.c');
  const pid = s.threadId; // its main thread
  assert.ok(alive(pid), `program ${pid} runs`);
  await s.request('terminate');
  const exited = await s.event('exited');
  assert.equal(exited.body.exitCode, 128 + 9, 'killed: the shell\'s convention for a death by SIGKILL (9)');
  const terminated = await s.event('terminated');
  assert.ok(s.events.indexOf(exited) < s.events.indexOf(terminated), 'exited, then terminated');
  await until(`program ${pid} to end`, () => !alive(pid));
});

test('disconnect with terminateDebuggee kills the program and the adapter exits on stdin EOF', T, async t => {
  const s = Session.open(t);
  await s.launch({ program: fixtures.source('ticker.c') });
  await s.outputContaining('stdout', '\n');
  const pid = Number(s.output('stdout').match(/pid (\d+)/)[1]);
  assert.ok(alive(pid), `program ${pid} runs`);
  await s.request('disconnect', { terminateDebuggee: true });
  await until(`program ${pid} to end after disconnect`, () => !alive(pid));
  s.proc.stdin.end();
  // unref'd: once the adapter has exited, the deadline must not hold the file's process for 20 s
  const gone = await Promise.race([s.exited, new Promise(r => setTimeout(() => r(null), 20000).unref())]);
  assert.ok(gone, 'adapter did not exit after disconnect and EOF');
});

test('killing the adapter kills the program with it', T, async t => {
  const s = Session.open(t);
  await s.launch({ program: fixtures.source('ticker.c') });
  await s.outputContaining('stdout', '\n');
  const pid = Number(s.output('stdout').match(/pid (\d+)/)[1]);
  s.proc.kill('SIGKILL');
  await s.exited;
  await until(`program ${pid} to die with its adapter`, () => !alive(pid));
});

test('restart runs the program again and stops at the breakpoint again', T, async t => {
  const s = await atLine(t, 'basics.c', 'call_square');
  await s.request('restart', { arguments: { program: fixtures.source('basics.c') } });
  await s.stopped('breakpoint');
  assert.equal((await s.top()).line, fixtures.line('basics.c', 'call_square'));
  const locals = await s.scopeVariables('Locals');
  assert.equal(locals.local_value.value, '5');
  await s.request('continue', { threadId: s.threadId });
  assert.equal((await s.event('exited')).body.exitCode, 6);
});

test('`hindsight dap` (the launcher line editors start) speaks DAP on stdin/stdout', { timeout: 300000 }, async t => {
  const s = Session.open(t, [path.join(ROOT, 'hindsight'), 'dap']);
  await s.launch({ program: fixtures.source('basics.c'), stopOnEntry: true });
  await s.stopped('entry');
  assert.match((await s.top()).name, /^main\b/);
  await s.request('continue', { threadId: s.threadId });
  assert.equal((await s.event('exited')).body.exitCode, 6);
});

test('stopOnEntry on assembly without main stops at the entry point', T, async t => {
  const s = await atEntry(t, 'start.s');
  const top = await s.top();
  assert.match(top.name, /_start/);
  // VS Code's disassembly flow at the very start of the text: what precedes it is not code, yet
  // the count is exact and the pc is instruction 200
  const dis = (await s.request('disassemble', {
    memoryReference: top.instructionPointerReference, offset: 0, instructionOffset: -200, instructionCount: 400, resolveSymbols: true,
  })).body.instructions;
  assert.equal(dis.length, 400);
  assert.equal(BigInt(dis[200].address), BigInt(top.instructionPointerReference));
  assert.match(dis[200].instruction, /mov/);
  await s.request('continue', { threadId: s.threadId });
  assert.equal((await s.event('exited')).body.exitCode, 3);
});

test('--port serves several sessions at once on 127.0.0.1, and a SIGTERM leaves no session directory', T, async t => {
  const port = await freePort();
  const tmp = fs.mkdtempSync(path.join(fixtures.tempDir(), 'port-'));
  const cmd = adapterCommand(['--port', String(port)]);
  const server = spawn(cmd[0], cmd.slice(1), { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, HINDSIGHT_TMPDIR: tmp } });
  server.stderr.resume(); // drained: a full pipe would block the server's logging
  const exited = new Promise(resolve => server.once('exit', resolve));
  t.after(() => { if (server.exitCode === null && server.signalCode === null) server.kill('SIGKILL'); });
  await waitForPort(port);
  const sessions = [];
  for (let i = 0; i < 2; i++) {
    const s = Session.overSocket(t, port);
    await s.connected;
    await s.launch({ program: fixtures.source('basics.c'), stopOnEntry: true });
    await s.stopped('entry');
    sessions.push(s);
  }
  for (const s of sessions) {
    await s.request('continue', { threadId: s.threadId });
    assert.equal((await s.event('exited')).body.exitCode, 6);
  }
  // Stopped as a service manager stops it, with both sessions still connected: their directories
  // go with it (the SIGKILL this test used to end with left them in /tmp).
  server.kill('SIGTERM');
  await exited;
  assert.deepEqual(fs.readdirSync(tmp), [], 'session directories left behind');
});

function sleep(ms) {
  return new Promise(r => setTimeout(r, ms));
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    }).on('error', reject);
  });
}

async function waitForPort(port) {
  for (let i = 0; i < 600; i++) {
    const ok = await new Promise(r => {
      const c = net.connect(port, '127.0.0.1', () => { c.end(); r(true); }).on('error', () => r(false));
    });
    if (ok) return;
    await sleep(100);
  }
  throw new Error(`nothing listens on ${port}`);
}
