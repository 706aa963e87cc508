'use strict';
// The adapter service behind `hindsight dap` (README: "The adapter service"): started by a first
// start that serves itself, then serving later starts through the relay; programs get the relay's
// environment and directory as from the adapter's own JVM; a killed relay ends its session and
// program; one service per build, user and socket; others' clients refused; gone when idle; and
// the off switch. Every test has its own runtime directory (XDG_RUNTIME_DIR) and stops what
// services it started.
const test = require('node:test');
const assert = require('assert/strict');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawn, spawnSync } = require('child_process');
const { Session } = require('../lib/session');
const { ROOT } = require('../lib/adapter');
const fixtures = require('../lib/fixtures');
const { launcherCopy, jar } = require('../lib/launcher');
const { alive, until } = require('../lib/proc');

const T = { timeout: 600000 };
const LAUNCHER = path.join(ROOT, 'hindsight');

/** A fresh runtime directory; its services are stopped and it is removed when the test ends. */
function runtime(t) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hindsight-service-test-'));
  t.after(async () => {
    for (const pid of servicePids(dir)) {
      try { process.kill(pid, 'SIGTERM'); } catch { /* gone */ }
    }
    await until('the test\'s services to exit', () => servicePids(dir).every(p => !alive(p)), 60000).catch(() => {});
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return dir;
}

/** The service directory's files of one kind (.sock, .log, .sock.pid). */
function files(dir, suffix) {
  const d = path.join(dir, 'hindsight');
  return fs.existsSync(d) ? fs.readdirSync(d).filter(n => n.endsWith(suffix)).map(n => path.join(d, n)) : [];
}

/** The pids of the services started under a runtime directory (serving, or leaving to another), from their logs. */
function servicePids(dir) {
  const pids = new Set();
  for (const log of files(dir, '.log')) {
    for (const m of fs.readFileSync(log, 'utf8').matchAll(/ pid (\d+): /g)) pids.add(Number(m[1]));
  }
  return [...pids];
}

function environment(dir, extra = {}) {
  return { ...process.env, XDG_RUNTIME_DIR: dir, HINDSIGHT_DAP_SERVICE_IDLE: '120', ...extra };
}

/** A service listening: its socket and pid. */
async function listening(dir) {
  let pid;
  await until('a service to listen', () => {
    const sock = files(dir, '.sock')[0];
    if (!sock || !fs.existsSync(sock + '.pid')) return false;
    pid = Number(fs.readFileSync(sock + '.pid', 'utf8'));
    return pid > 0;
  });
  return { sock: files(dir, '.sock')[0], pid };
}

/**
 * One start of `hindsight dap` with env and cwd, launching the env_cwd fixture: what it printed
 * (environment entries, cwd, pid, ppid) while it runs. The session is left open.
 */
async function envRun(t, env, cwd, command = [LAUNCHER, 'dap'], program = fixtures.compile('env_cwd.c')) {
  const s = Session.open(t, command, { env, cwd });
  await s.launch({ program });
  await s.outputContaining('stdout', 'done\n');
  const lines = s.output('stdout').split('\n');
  const value = key => lines.find(l => l.startsWith(key + ':')).slice(key.length + 1);
  return {
    session: s, env: lines.filter(l => l.startsWith('env:')).map(l => l.slice(4)),
    cwd: value('cwd'), pid: Number(value('pid')), ppid: Number(value('ppid')),
  };
}

test('a second start is served by the service, its program in the relay\'s environment and directory', T, async t => {
  const dir = runtime(t);
  const work = [1, 2].map(() => fs.mkdtempSync(path.join(os.tmpdir(), 'hindsight-service-cwd-')));
  t.after(() => work.forEach(w => fs.rmSync(w, { recursive: true, force: true })));
  const env = value => environment(dir, { HINDSIGHT_SERVICE_TEST: value });

  // No service yet: this start serves itself in its own JVM (the program is its child), and starts one.
  const first = await envRun(t, env('first'), work[0]);
  assert.equal(first.ppid, first.session.proc.pid, 'the first start ran the program itself');
  const service = await listening(dir);
  assert.notEqual(service.pid, first.session.proc.pid);

  // Another environment and directory than the service was started with; the program named
  // relative to the relay's directory.
  const relative = path.relative(work[1], fixtures.compile('env_cwd.c'));
  assert.ok(!path.isAbsolute(relative));
  const second = await envRun(t, env('a value = with spaces'), work[1], [LAUNCHER, 'dap'], relative);
  assert.equal(second.ppid, service.pid, 'the program of the second start is the service\'s');
  assert.equal(second.cwd, fs.realpathSync(work[1]), 'the relay\'s directory');
  assert.ok(second.env.includes('HINDSIGHT_SERVICE_TEST=a value = with spaces'), second.env.join('\n'));
  assert.equal(second.env.find(e => e.startsWith('XDG_RUNTIME_DIR=')), `XDG_RUNTIME_DIR=${dir}`);
  assert.match(fs.readFileSync(files(dir, '.log')[0], 'utf8'), /session 1: started in /);

  // What the adapter's own JVM gives the program with the same environment and directory.
  const own = await envRun(t, { ...env('a value = with spaces'), HINDSIGHT_DAP_SERVICE: 'off' }, work[1]);
  assert.equal(own.ppid, own.session.proc.pid);
  assert.equal(own.cwd, second.cwd);
  // `_` is the command the shell ran last (java, or the relay); the switch is only in the oracle's.
  const alike = e => !e.startsWith('_=') && !e.startsWith('HINDSIGHT_DAP_SERVICE=');
  assert.deepEqual(second.env.filter(alike), own.env.filter(alike), 'the same environment, in the same order');
});

test('the service keeps none of the descriptors its first start inherited', T, async t => {
  const dir = runtime(t);
  // A first start given a pipe as its fourth descriptor, as VS Code's extension host leaves
  // descriptors open in what it starts; no requests: its own session ends at once.
  // Node makes its 'pipe' descriptors as socket pairs: they are told apart from the service's own
  // pipes and sockets (its warm-up session's, its listening socket) by what they are, not by kind.
  const first = spawn(LAUNCHER, ['dap'], { env: environment(dir), stdio: ['pipe', 'ignore', 'ignore', 'pipe'] });
  const given = [0, 3].map(fd => fs.readlinkSync(`/proc/${first.pid}/fd/${fd}`));
  assert.ok(given.every(g => /^socket:\[\d+\]$/.test(g)), given.join(' '));
  const exited = new Promise(resolve => first.once('exit', resolve));
  first.stdin.end();
  const service = await listening(dir);
  const open = fs.readdirSync(`/proc/${service.pid}/fd`).map(fd => {
    try { return `${fd} -> ${fs.readlinkSync(`/proc/${service.pid}/fd/${fd}`)}`; } catch { return `${fd} (closed)`; }
  });
  assert.deepEqual(open.filter(l => given.some(g => l.endsWith(`-> ${g}`))), [],
    `the service holds what its first start was given (${given.join(', ')}):\n${open.join('\n')}`);
  await exited;
  first.stdio[3].destroy();
});

test('a relay killed with SIGKILL ends its session: its program killed, its files removed', T, async t => {
  const dir = runtime(t);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hindsight-service-tmp-'));
  t.after(() => fs.rmSync(tmp, { recursive: true, force: true }));
  const env = environment(dir, { HINDSIGHT_TMPDIR: tmp });
  const first = await envRun(t, env, tmp);
  const service = await listening(dir);
  await first.session.close();

  // A source file: the session compiles it into a directory of its own under HINDSIGHT_TMPDIR.
  const s = Session.open(t, [LAUNCHER, 'dap'], { env, cwd: tmp });
  await s.launch({ program: fixtures.source('env_cwd.c') });
  await s.outputContaining('stdout', 'done\n');
  const pid = Number(s.output('stdout').match(/^pid:(\d+)$/m)[1]);
  assert.equal(Number(s.output('stdout').match(/^ppid:(\d+)$/m)[1]), service.pid, 'served by the service');
  const sessionDirs = () => fs.readdirSync(tmp, { recursive: true }).filter(n => /env_cwd$/.test(n));
  assert.ok(sessionDirs().length > 0, 'the program was built under HINDSIGHT_TMPDIR');

  s.proc.kill('SIGKILL');
  await until('the program to be killed', () => !alive(pid));
  await until('the session\'s files to be removed', () => sessionDirs().length === 0);
  assert.ok(alive(service.pid), 'the service goes on');
});

test('options, errors and log lines on stderr, and the exit status reach the editor through the relay', T, async t => {
  const dir = runtime(t);
  const env = environment(dir);
  await (await envRun(t, env, os.tmpdir())).session.close();
  await listening(dir);
  const run = (args, input, extra) => spawnSync(LAUNCHER, ['dap', ...args], { env: { ...env, ...extra }, input, encoding: 'utf8', timeout: 120000 });
  const own = run(['--no-such-option'], '', { HINDSIGHT_DAP_SERVICE: 'off' });
  const served = run(['--no-such-option'], '', {});
  assert.equal(own.status, 2);
  assert.match(own.stderr, /unknown option --no-such-option/);
  assert.equal(served.status, own.status, served.stderr);
  assert.equal(served.stderr, own.stderr);
  assert.match(fs.readFileSync(files(dir, '.log')[0], 'utf8'), /started in .* with options \[--no-such-option\]/);

  // A TCP server is no stdio session: the launcher runs it in its own JVM, service or not.
  const server = spawn(LAUNCHER, ['dap', '--port', '0'], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  t.after(() => server.kill('SIGKILL'));
  let said = '';
  server.stderr.on('data', d => { said += d; });
  await until('the TCP server to listen', () => /listening on 127\.0\.0\.1:\d+/.test(said) || server.exitCode !== null);
  assert.match(said, /Hindsight DAP server listening on 127\.0\.0\.1:\d+/);

  // The session's log lines (a warning about broken input), as the adapter's own JVM writes them.
  const broken = 'this is no header\r\n';
  const ownLog = run([], broken, { HINDSIGHT_DAP_SERVICE: 'off' });
  const servedLog = run([], broken, {});
  const warning = /WARN .*bad input from the client: unexpected bytes between messages: 'this is no header'/;
  assert.match(ownLog.stderr, warning);
  assert.match(servedLog.stderr, warning);
  assert.equal(servedLog.status, ownLog.status);
});

test('the off switch: every start in its own JVM, no service started', T, async t => {
  const dir = runtime(t);
  const env = environment(dir, { HINDSIGHT_DAP_SERVICE: 'off' });
  for (let i = 0; i < 2; i++) {
    const run = await envRun(t, env, os.tmpdir());
    assert.equal(run.ppid, run.session.proc.pid, `start ${i + 1} ran the program itself`);
    await run.session.close();
  }
  // Likewise where the relay cannot be built (no cache directory to build it in).
  const unbuilt = await envRun(t, { ...environment(dir), XDG_CACHE_HOME: '/proc/no-such-directory' }, os.tmpdir());
  assert.equal(unbuilt.ppid, unbuilt.session.proc.pid, 'without a relay the start ran the program itself');
  await unbuilt.session.close();
  assert.deepEqual(files(dir, '.sock'), []);
  assert.deepEqual(servicePids(dir), []);
});

test('two first starts at once: both served, one service left', T, async t => {
  const dir = runtime(t);
  const env = environment(dir);
  const [a, b] = await Promise.all([envRun(t, env, os.tmpdir()), envRun(t, env, os.tmpdir())]);
  assert.ok(a.pid > 0 && b.pid > 0);
  await listening(dir);
  await until('one service left', () => servicePids(dir).filter(alive).length === 1);
  const c = await envRun(t, env, os.tmpdir());
  assert.equal(c.ppid, servicePids(dir).filter(alive)[0], 'the one service serves the next start');
});

test('a rebuilt jar gets a service of its own', T, async t => {
  const dir = runtime(t);
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'hindsight-service-build-'));
  t.after(() => fs.rmSync(copy, { recursive: true, force: true }));
  launcherCopy(path.join(copy, 'root'));
  // Its own cache: the copy's class archive is made there, not in the user's.
  const env = environment(dir, { XDG_CACHE_HOME: path.join(copy, 'cache') });
  const command = [path.join(copy, 'root', 'hindsight'), 'dap'];
  await (await envRun(t, env, os.tmpdir(), command)).session.close();
  const old = await listening(dir);
  assert.equal((await envRun(t, env, os.tmpdir(), command)).ppid, old.pid, 'served by the service of this build');

  const later = new Date(Date.now() + 60000);
  fs.utimesSync(jar(path.join(copy, 'root'), 'dap-server'), later, later);
  const rebuilt = await envRun(t, env, os.tmpdir(), command);
  assert.equal(rebuilt.ppid, rebuilt.session.proc.pid, 'not the old service: the start ran the program itself');
  await until('a second socket', () => files(dir, '.sock').length === 2);
  await until('its service', () => servicePids(dir).filter(alive).length === 2);
  const next = await envRun(t, env, os.tmpdir(), command);
  assert.notEqual(next.ppid, old.pid);
  assert.ok(servicePids(dir).includes(next.ppid), 'the new build\'s service serves it');

  // So does another value of a variable the JVM itself reads (here where sessions keep their files).
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hindsight-service-tmp-'));
  t.after(() => fs.rmSync(tmp, { recursive: true, force: true }));
  const other = await envRun(t, { ...env, HINDSIGHT_TMPDIR: tmp }, os.tmpdir(), command);
  assert.equal(other.ppid, other.session.proc.pid, 'not served by a service of another HINDSIGHT_TMPDIR');
  await until('a third socket', () => files(dir, '.sock').length === 3);
});

test('a service killed with SIGKILL: the next start runs in its own JVM and starts another', T, async t => {
  const dir = runtime(t);
  const env = environment(dir);
  await (await envRun(t, env, os.tmpdir())).session.close();
  const killed = await listening(dir);
  process.kill(killed.pid, 'SIGKILL');
  await until('the service to die', () => !alive(killed.pid));
  assert.ok(fs.existsSync(killed.sock), 'its socket is left behind');
  const next = await envRun(t, env, os.tmpdir());
  assert.equal(next.ppid, next.session.proc.pid, 'the start ran the program itself');
  await until('a new service', () => servicePids(dir).some(p => p !== killed.pid && alive(p)));
  const served = await envRun(t, env, os.tmpdir());
  assert.ok(served.ppid !== killed.pid && servicePids(dir).includes(served.ppid), 'served by the new service');
});

/** Connects to the socket as user nobody and sends a relay's header: the frames that come back, decoded. */
function connectAsNobody(sock) {
  const script = `const c = require('net').connect(${JSON.stringify(sock)});
    const chunks = []; let failed = false; c.on('data', d => chunks.push(d));
    c.on('error', e => { failed = true; process.stdout.write(JSON.stringify({ error: e.code })); });
    c.on('close', () => { if (!failed) process.stdout.write(JSON.stringify({ data: Buffer.concat(chunks).toString('latin1') })); });
    c.on('connect', () => c.end('hindsight-dap-relay 1\\0' + '0\\0/\\0' + '0\\0'));`;
  const r = spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, '-e', script],
    { encoding: 'utf8', timeout: 60000 });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}

test('another user\'s client: kept out by the directory, refused by the service', T, async t => {
  if (process.getuid() !== 0) return t.skip('needs root to act as another user');
  const dir = runtime(t);
  const env = environment(dir);
  await (await envRun(t, env, os.tmpdir())).session.close();
  const service = await listening(dir);
  assert.equal(fs.statSync(path.dirname(service.sock)).mode & 0o777, 0o700);
  fs.chmodSync(dir, 0o755);
  assert.deepEqual(connectAsNobody(service.sock), { error: 'EACCES' }, 'the private directory keeps others out');

  // With the directory and socket opened to all, the service itself refuses them.
  fs.chmodSync(path.dirname(service.sock), 0o755);
  fs.chmodSync(service.sock, 0o777);
  const r = connectAsNobody(service.sock);
  assert.ok(r.data, JSON.stringify(r));
  assert.equal(r.data.charCodeAt(0), 2, 'a stderr frame first');
  assert.match(r.data, /refuses a client of user nobody/);
  assert.match(r.data, /\x03\x00\x00\x00\x04\x00\x00\x00\x01$/, 'then exit status 1');
  assert.doesNotMatch(fs.readFileSync(files(dir, '.log')[0], 'utf8'), /session \d+: started in \/ /, 'no session for it');
  assert.ok(alive(service.pid));
});

test('the service exits after its idle time without sessions, and the next start starts another', T, async t => {
  const dir = runtime(t);
  // Long enough for the second start to reach the service before it goes, short for a test.
  const env = environment(dir, { HINDSIGHT_DAP_SERVICE_IDLE: '15' });
  await (await envRun(t, env, os.tmpdir())).session.close();
  const service = await listening(dir);
  const served = await envRun(t, env, os.tmpdir());
  assert.equal(served.ppid, service.pid);
  await served.session.close();
  await until('the idle service to exit', () => !alive(service.pid));
  assert.deepEqual(files(dir, '.sock'), [], 'its socket removed');
  assert.deepEqual(files(dir, '.pid'), []);
  const next = await envRun(t, env, os.tmpdir());
  assert.equal(next.ppid, next.session.proc.pid, 'no service: the start runs the program itself');
  const again = await listening(dir);
  assert.notEqual(again.pid, service.pid, 'and a new service is started');
});
