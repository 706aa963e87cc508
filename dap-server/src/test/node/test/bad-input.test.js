'use strict';
// Bad input from a client: malformed JSON, unknown commands, wrong argument types, requests in
// the wrong state, cancel. Each gets a clear error (response or output event) and the adapter
// keeps serving the same session.
const test = require('node:test');
const assert = require('assert/strict');
const fixtures = require('../lib/fixtures');
const { Session } = require('../lib/session');
const { atEntry } = require('../lib/scenarios');
const { alive, until } = require('../lib/proc');

const T = { timeout: 120000 };

function sendRaw(s, text) {
  s.proc.stdin.write(`Content-Length: ${Buffer.byteLength(text, 'utf8')}\r\n\r\n${text}`, 'utf8');
}

/** A threads request is answered as the DAP spec says, listing exactly the threads expected. */
async function stillServes(s, threadIds) {
  const seq = s.dc.sequence;
  const r = await s.raw('threads');
  assert.equal(r.type, 'response');
  assert.equal(r.request_seq, seq);
  assert.equal(r.command, 'threads');
  assert.equal(r.success, true, JSON.stringify(r));
  assert.deepEqual(r.body.threads.map(th => th.id), threadIds, JSON.stringify(r.body));
}

test('malformed JSON gets an error response or an output event, and the session goes on', T, async t => {
  const s = await atEntry(t, 'basics.c');
  for (const junk of ['{"seq": 1000, "type": "request", "command": "threads"', 'not json at all', '[1, 2']) {
    const before = s.events.length, answered = s.unsolicited.length;
    sendRaw(s, junk);
    await stillServes(s, [s.threadId]);
    // both writes were answered in order, so whatever the adapter said about the junk came first:
    // an error response (when it could tell which request it was) or an output event
    const said = s.events.slice(before).filter(e => e.event === 'output').map(e => e.body.output).join('') +
      s.unsolicited.slice(answered).filter(r => r.success === false).map(r => r.message).join('');
    assert.ok(said.length > 0, `nothing said about ${junk}`);
  }
  sendRaw(s, '{"seq": 2000, "type": "request", "command": "stackTrace", "arguments": {"threadId": }}');
  await stillServes(s, [s.threadId]);
  const top = await s.top();
  assert.match(top.name, /^main\b/);
});

test('an unknown command gets an error response naming it', T, async t => {
  const s = Session.open(t);
  await s.initialize();
  const r = await s.raw('frobnicate', { really: true });
  assert.equal(r.success, false);
  assert.match(r.message + JSON.stringify(r.body || {}), /frobnicate/);
  await stillServes(s, []);
});

test('wrong argument types get error responses', T, async t => {
  const s = await atEntry(t, 'basics.c');
  const cases = [
    ['stackTrace', { threadId: 'one' }],
    ['setBreakpoints', { source: { path: fixtures.source('basics.c') }, breakpoints: 'everywhere' }],
    ['variables', { variablesReference: { nested: 1 } }],
    ['readMemory', { memoryReference: 'nowhere', count: 4 }],
    ['disassemble', { memoryReference: '0xzz', instructionCount: 4 }],
    ['scopes', { frameId: 987654 }],
    ['variables', { variablesReference: 987654 }],
    ['evaluate', { expression: ['local_value'] }],
  ];
  for (const [command, args] of cases) {
    const r = await s.raw(command, args);
    assert.equal(r.success, false, `${command} ${JSON.stringify(args)} answered ${JSON.stringify(r.body)}`);
    assert.ok(r.message && r.message.length > 3, `${command}: message '${r.message}'`);
  }
  await stillServes(s, [s.threadId]);
  assert.match((await s.top()).name, /^main\b/);
});

test('requests in the wrong state: next while running, launch twice, stackTrace before launch', T, async t => {
  const s = Session.open(t);
  await s.initialize();
  const early = await s.raw('stackTrace', { threadId: 1 });
  assert.equal(early.success, false);
  await s.launch({ program: fixtures.source('ticker.c') });
  await s.outputContaining('stdout', 'tick from stdout');
  const threads = (await s.request('threads')).body.threads;
  const next = await s.raw('next', { threadId: threads[0].id });
  assert.equal(next.success, false);
  assert.match(next.message, /running|not stopped|stopped/i);
  const vars = await s.raw('stackTrace', { threadId: threads[0].id });
  assert.equal(vars.success, false);
  const again = await s.raw('launch', { program: fixtures.source('ticker.c') });
  assert.equal(again.success, false);
  await s.request('pause', { threadId: threads[0].id });
  s.threadId = threads[0].id;
  await s.stopped('pause');
  assert.ok((await s.top()).line > 0);
});

test('cancel is answered and the session goes on; a cancelled request is not left hanging', T, async t => {
  const s = await atEntry(t, 'basics.c');
  // DAP: cancel itself succeeds, whether or not there was anything to cancel
  let seq = s.dc.sequence;
  const done = await s.raw('cancel', { requestId: 424242 });
  assert.deepEqual([done.request_seq, done.command, done.success], [seq, 'cancel', true], JSON.stringify(done));
  // cancel a request racing with it: it still gets its response, complete or cancelled
  const ip = (await s.top()).instructionPointerReference;
  const disassemble = s.dc.sequence;
  const pending = s.raw('disassemble', { memoryReference: ip, instructionOffset: -2000, instructionCount: 4000 });
  seq = s.dc.sequence;
  const c = await s.raw('cancel', { requestId: disassemble });
  assert.deepEqual([c.request_seq, c.command, c.success], [seq, 'cancel', true], JSON.stringify(c));
  const r = await pending;
  assert.equal(r.request_seq, disassemble);
  assert.equal(r.command, 'disassemble');
  if (r.success) assert.equal(r.body.instructions.length, 4000, 'answered in full');
  else assert.equal(r.message, 'cancelled', 'the DAP spec\'s message for a cancelled request');
  await stillServes(s, [s.threadId]);
});

test('a crashing program and an endless one do not take the adapter down', T, async t => {
  const s = Session.open(t);
  await s.launch({ program: fixtures.source('crash.c') });
  await s.stopped('exception');
  await s.request('continue', { threadId: s.threadId });
  assert.equal((await s.event('exited')).body.exitCode, 128 + 11, 'died of SIGSEGV (11)');
  await s.event('terminated');
  await stillServes(s, []);
  // the endless one, in the same adapter: it runs, it is stopped by terminate, and the adapter serves on
  await s.request('restart', { arguments: { program: fixtures.source('ticker.c') } });
  await s.outputContaining('stdout', 'tick from stdout, pid ');
  const pid = Number(s.output('stdout').match(/tick from stdout, pid (\d+)/)[1]);
  assert.ok(alive(pid), `program ${pid} runs`);
  await stillServes(s, [pid]);
  await s.request('terminate');
  assert.equal((await s.event('exited')).body.exitCode, 128 + 9, 'killed (SIGKILL is 9)');
  await s.event('terminated');
  await until(`program ${pid} to end`, () => !alive(pid));
  await stillServes(s, []);
});
