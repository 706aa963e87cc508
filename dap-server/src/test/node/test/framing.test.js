'use strict';
// Raw bytes to a real `hindsight dap` over its stdio: what an editor with a bug (or a key order
// of its own) may send. Every problem is told (an error response under the request's own seq, or
// an `output` event), the next well-framed request is answered, and a flooding program's output
// stops at the limit with one notice.
const test = require('node:test');
const assert = require('assert/strict');
const { spawn } = require('child_process');
const { adapterCommand } = require('../lib/adapter');
const fixtures = require('../lib/fixtures');

const T = { timeout: 240000 };
const WAIT = Number(process.env.HINDSIGHT_DAP_TIMEOUT_MS || 60000);
const MiB = 1024 * 1024;

const frame = body => `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;

/** The adapter as a process, spoken to in raw bytes; messages from it are parsed by hand. */
class RawAdapter {
  constructor(t, args = []) {
    const cmd = adapterCommand(args);
    this.proc = spawn(cmd[0], cmd.slice(1), { stdio: ['pipe', 'pipe', 'pipe'] });
    this.messages = [];
    this.waiters = [];
    this.stderr = '';
    this.proc.on('exit', (code, signal) => {
      this.ended = `the adapter exited (code ${code}, signal ${signal}); its stderr: ${this.stderr.slice(-2000)}`;
      for (const w of [...this.waiters]) w();
    });
    this.proc.stderr.on('data', d => { this.stderr = (this.stderr + d).slice(-20000); });
    this.proc.stdin.on('error', () => {}); // the adapter may be gone: the test says so itself
    let buf = Buffer.alloc(0);
    this.proc.stdout.on('data', d => {
      buf = Buffer.concat([buf, d]);
      for (;;) {
        const end = buf.indexOf('\r\n\r\n');
        if (end < 0) return;
        const m = /^Content-Length: (\d+)$/.exec(buf.subarray(0, end).toString('ascii'));
        assert.ok(m, `the adapter's own framing is broken: ${buf.subarray(0, end)}`);
        const length = Number(m[1]);
        if (buf.length < end + 4 + length) return;
        this.messages.push(JSON.parse(buf.subarray(end + 4, end + 4 + length).toString('utf8')));
        buf = buf.subarray(end + 4 + length);
        for (const w of [...this.waiters]) w();
      }
    });
    t.after(() => this.proc.kill('SIGKILL'));
  }

  /** Writes, waiting while the pipe is full; fails when the adapter is gone. */
  write(bytes) {
    return new Promise((resolve, reject) => {
      if (this.ended) return reject(new Error(this.ended));
      if (this.proc.stdin.write(bytes)) return resolve();
      const drained = () => { this.waiters = this.waiters.filter(w => w !== gone); resolve(); };
      const gone = () => { if (this.ended) { this.proc.stdin.off('drain', drained); reject(new Error(this.ended)); } };
      this.proc.stdin.once('drain', drained);
      this.waiters.push(gone);
    });
  }

  /** A request as VS Code writes it: command, arguments, type, and seq last. */
  send(seq, command, args) {
    return this.write(frame(JSON.stringify(args === undefined ? { command, type: 'request', seq } : { command, arguments: args, type: 'request', seq })));
  }

  /** The first message (from index `from`) matching pred, waiting for it. */
  find(pred, what, from = 0) {
    return new Promise((resolve, reject) => {
      const check = () => {
        const m = this.messages.slice(from).find(pred);
        if (!m && !this.ended) return;
        this.waiters = this.waiters.filter(w => w !== check);
        clearTimeout(timer);
        if (m) resolve(m);
        else reject(new Error(`no ${what}: ${this.ended}`));
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter(w => w !== check);
        reject(new Error(`no ${what}; got ${JSON.stringify(this.messages.slice(-8)).slice(0, 2000)}\nstderr: ${this.stderr.slice(-2000)}`));
      }, WAIT);
      this.waiters.push(check);
      check();
    });
  }

  response(seq) {
    return this.find(m => m.type === 'response' && m.request_seq === seq, `response to ${seq}`);
  }

  async answers(seq) {
    await this.send(seq, 'threads');
    const r = await this.response(seq);
    assert.equal(r.success, true, JSON.stringify(r));
  }

  notices(from = 0) {
    return this.messages.slice(from).filter(m => m.type === 'event' && m.event === 'output' && m.body.category === 'important')
      .map(m => m.body.output).join('');
  }
}

test('a wrong argument type, seq written last: the error answers that seq', T, async t => {
  const a = new RawAdapter(t);
  await a.send(1, 'initialize', { adapterID: 'hindsight', clientID: 'framing-test' });
  assert.equal((await a.response(1)).success, true);
  await a.send(2, 'next', { threadId: 'the first one' });
  // type before arguments: LSP4J gave up at the argument before reading the seq, and answered request 0
  await a.write(frame('{"type":"request","command":"stackTrace","arguments":{"threadId":{}},"seq":3}'));
  for (const [seq, command] of [[2, 'next'], [3, 'stackTrace']]) {
    const r = await a.response(seq);
    assert.equal(r.success, false);
    assert.equal(r.command, command);
    assert.match(r.message, new RegExp(command));
  }
  await a.answers(4);
  assert.ok(!a.messages.some(m => m.type === 'response' && m.request_seq === 0), 'nothing answered request 0');
  assert.equal(a.notices(), '', 'both were answered as requests, not reported as noise');
});

test('a 100 MB Content-Length: skipped unread, its request refused, the next one answered', T, async t => {
  const a = new RawAdapter(t);
  const head = '{"command":"evaluate","arguments":{"expression":"';
  const tail = '"},"type":"request","seq":10}';
  const length = 100 * 1000 * 1000;
  await a.write(`Content-Length: ${length}\r\n\r\n${head}`);
  const spaces = Buffer.alloc(MiB, ' ');
  for (let left = length - head.length - tail.length; left > 0; left -= spaces.length) {
    await a.write(left >= spaces.length ? spaces : spaces.subarray(0, left));
  }
  await a.write(tail);
  const r = await a.response(10);
  assert.equal(r.success, false);
  assert.equal(r.command, 'evaluate');
  assert.match(r.message, /100000000 bytes is over the limit of 1048576 bytes/);
  assert.match(a.notices(), /a message of 100000000 bytes is over the limit of 1048576 bytes/);
  await a.answers(11);
  assert.equal(a.proc.exitCode, null, 'the adapter is alive');
});

test('a header without Content-Length does not swallow the next request', T, async t => {
  const a = new RawAdapter(t);
  await a.write('X-Nonsense: 1\r\n\r\n{"command":"threads","type":"request","seq":20}');
  await a.answers(21);
  const refused = await a.response(20);
  assert.equal(refused.success, false);
  assert.match(refused.message, /without a Content-Length header/);
  assert.match(a.notices(), /without a Content-Length header \(headers: 'X-Nonsense: 1'\)/);
  // and bad lengths, or bytes that are no header at all
  for (const [bad, said, seq] of [['Content-Length: lots\r\n\r\n', /bad Content-Length 'lots'/, 22],
    ['Content-Length: -3\r\n\r\n', /bad Content-Length '-3'/, 24], ['just some text\r\n', /unexpected bytes between messages: 'just some text'/, 26]]) {
    const from = a.messages.length;
    await a.write(bad);
    await a.answers(seq);
    assert.match(a.notices(from), said);
  }
});

test('a program flooding its output: exactly the limit\'s bytes, then one notice', T, async t => {
  const program = fixtures.compile('flood.c');
  const expected = { stdout: '', stderr: '' };
  for (let i = 0; i < 30000; i++) {
    const n = String(i).padStart(5, '0');
    expected.stdout += `out ${n}: the quick brown fox jumps over the lazy dog, again and again\n`;
    if (i % 3 === 0) expected.stderr += `err ${n}\n`;
  }
  for (const [args, limit] of [[[], MiB], [['--output-limit', '5000'], 5000]]) {
    const a = new RawAdapter(t, args);
    await a.send(1, 'initialize', { adapterID: 'hindsight', clientID: 'framing-test' });
    await a.send(2, 'launch', { program });
    await a.find(m => m.event === 'initialized', 'initialized event');
    await a.send(3, 'configurationDone');
    const exited = await a.find(m => m.event === 'exited', 'exited event');
    assert.equal(exited.body.exitCode, 5, 'the program ran to its end');
    const got = { stdout: '', stderr: '' };
    let notices = 0, lastOutput = -1, notice = -1;
    a.messages.forEach((m, i) => {
      if (m.event !== 'output') return;
      if (m.body.category in got) {
        got[m.body.category] += m.body.output;
        lastOutput = i;
      } else if (/output reached the limit/.test(m.body.output)) {
        notices++;
        notice = i;
        assert.match(m.body.output, new RegExp(`limit of ${limit} bytes`));
      }
    });
    assert.equal(Buffer.byteLength(got.stdout) + Buffer.byteLength(got.stderr), limit, `${args}: exactly the limit`);
    assert.ok(expected.stdout.startsWith(got.stdout), 'stdout is what the program wrote first');
    assert.ok(expected.stderr.startsWith(got.stderr), 'stderr is what the program wrote first');
    assert.equal(notices, 1, 'one notice');
    assert.ok(notice > lastOutput, 'the notice follows the last output let through');
  }
});
