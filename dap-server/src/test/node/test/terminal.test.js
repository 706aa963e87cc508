'use strict';
// The launch attribute `console` (issue 13): with integratedTerminal the adapter asks the client
// for a terminal with the reverse request runInTerminal, and the program runs on that terminal.
// The client here answers runInTerminal as an editor does: it really runs the command, on a
// pseudo-terminal of its own (python3's pty module), reads what appears on that terminal and
// types into it. A client without runInTerminal gets the debug console, and is told so.
const test = require('node:test');
const assert = require('assert/strict');
const { spawn } = require('child_process');
const { Session } = require('../lib/session');
const fixtures = require('../lib/fixtures');
const { until } = require('../lib/proc');

const T = { timeout: 120000 };
// pty.spawn: the command on a new terminal; our stdin is typed into it, its screen is our stdout.
const PTY = 'import pty, sys; pty.spawn(sys.argv[1:])';

/** Answers the adapter's runInTerminal requests by running the command on a terminal; resolves with that terminal. */
function terminalClient(s, t) {
  const terminal = { requests: [], screen: '', exited: null };
  const dispatch = s.dc.dispatch.bind(s.dc);
  s.dc.dispatch = body => {
    const m = JSON.parse(body);
    if (m.type !== 'request' || m.command !== 'runInTerminal') return dispatch(body);
    terminal.requests.push(m);
    const proc = spawn('python3', ['-c', PTY, ...m.arguments.args], { cwd: m.arguments.cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    t.after(() => { if (terminal.exited === null) proc.kill('SIGKILL'); });
    terminal.proc = proc;
    proc.stdout.on('data', d => { terminal.screen += d; });
    proc.on('exit', code => { terminal.exited = code; });
    const json = JSON.stringify({ seq: 0, type: 'response', request_seq: m.seq, success: true, command: 'runInTerminal', body: { processId: proc.pid } });
    s.dc.outputStream.write(`Content-Length: ${Buffer.byteLength(json, 'utf8')}\r\n\r\n${json}`, 'utf8');
  };
  return terminal;
}

test('console integratedTerminal: the program runs on the client\'s terminal, reads what is typed there', T, async t => {
  const s = Session.open(t);
  const terminal = terminalClient(s, t);
  await s.initialize({ supportsRunInTerminalRequest: true });
  await s.launch({ program: fixtures.source('terminal_io.c'), console: 'integratedTerminal' });
  assert.equal(terminal.requests.length, 1);
  assert.equal(terminal.requests[0].arguments.kind, 'integrated');
  await until('the program\'s first line on the terminal', () => terminal.screen.includes('isatty 1 1 1\r\n'));
  terminal.proc.stdin.write('hello there\n');
  await until('the line read back and the goodbye on stderr', () => /hello there\r\nread: hello there\r\nbye\r\n/.test(terminal.screen));
  assert.equal((await s.event('exited')).body.exitCode, 7);
  await s.event('terminated');
  assert.equal(s.output('stdout') + s.output('stderr'), '', 'nothing of the program in the debug console');
  // The terminal's command ends with the program: the terminal is the user's again.
  await until('the terminal command to end', () => terminal.exited !== null);
  assert.equal(terminal.exited, 0);
});

test('console integratedTerminal from a client without runInTerminal: the debug console, and a notice', T, async t => {
  const s = Session.open(t);
  await s.initialize({ supportsRunInTerminalRequest: false });
  await s.launch({ program: fixtures.source('terminal_io.c'), console: 'integratedTerminal' });
  await s.outputContaining('console', 'cannot run a terminal');
  await s.request('writeStdin', { text: 'typed\n' });
  // On pipes, as before: its output (block-buffered) comes as output events.
  await s.outputContaining('stdout', 'isatty 0 0 0\nread: typed\n');
  assert.equal((await s.event('exited')).body.exitCode, 7);
});

test('an unknown console is refused with the values it may take', T, async t => {
  const s = Session.open(t);
  await s.initialize({ supportsRunInTerminalRequest: true });
  const r = await s.raw('launch', { program: fixtures.source('terminal_io.c'), console: 'somewhere' });
  assert.equal(r.success, false);
  assert.match(r.message, /'internalConsole', 'integratedTerminal' or 'externalTerminal'/);
});

test('a client that fails runInTerminal fails the launch with its reason', T, async t => {
  const s = Session.open(t);
  const dispatch = s.dc.dispatch.bind(s.dc);
  s.dc.dispatch = body => {
    const m = JSON.parse(body);
    if (m.type !== 'request' || m.command !== 'runInTerminal') return dispatch(body);
    const json = JSON.stringify({ seq: 0, type: 'response', request_seq: m.seq, success: false, command: 'runInTerminal',
      message: 'no terminal here' });
    s.dc.outputStream.write(`Content-Length: ${Buffer.byteLength(json, 'utf8')}\r\n\r\n${json}`, 'utf8');
  };
  await s.initialize({ supportsRunInTerminalRequest: true });
  const r = await s.raw('launch', { program: fixtures.source('terminal_io.c'), console: 'externalTerminal' });
  assert.equal(r.success, false);
  assert.match(r.message, /the client could not run the terminal: .*no terminal here/);
});
