// Scale-out: two `hindsight serve` instances (the jar mvn package built) behind a real HAProxy
// running the shipped misc/haproxy/hindsight.cfg, all on loopback ports. Sessions spread over both,
// every reconnect reaches the instance that holds its session (even when that one is full), a full
// pair says "server busy", and killing one instance loses only its own sessions while the page on
// it says clearly that its session has ended.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, startBrowser, openPage, engineBuilt, root } from './harness.mjs';
import { compileExample } from './debugging.mjs';
import { DapSocket } from './dap-socket.mjs';

// Debian installs it in /usr/sbin, which is not on every user's PATH.
const HAPROXY = ['haproxy', '/usr/sbin/haproxy'].find((p) => spawnSync(p, ['-v']).status === 0);
const skip = !engineBuilt() ? 'the DAP engine (dap-server) is not built'
  : !HAPROXY ? 'haproxy is not installed (misc/ensure-deps.sh haproxy installs it)' : false;
const opts = { skip, timeout: 300_000 };
const TOKEN = 'behind-haproxy';
const CAPACITY = 26; // per instance: 50 sessions and the page fit, one more fills both
const PROGRAM = 'int main(void) {\n  int x = 1;\n  x += 2;\n  return x;\n}\n';

let lb; // {url, ws, stats}
let instances; // name -> {server, tmp}
let haproxy;
let browser;
let page;
const sessions = []; // {dap, id, secret, instance}

const freePort = () => new Promise((resolve) => {
  const s = createServer().listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
});

async function waitFor(what, condition, ms = 60_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    if (await condition()) return;
    if (Date.now() > deadline) throw new Error(`not within ${ms / 1000} s: ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** HAProxy's view of a server in a backend (UP, DOWN, …), from its stats CSV. */
async function status(backend, server) {
  const csv = await (await fetch(`${lb.stats};csv`)).text();
  const [header, ...rows] = csv.trim().split('\n');
  const column = header.replace(/^# /, '').split(',').indexOf('status');
  const row = rows.map((r) => r.split(',')).find((r) => r[0] === backend && r[1] === server);
  return row?.[column];
}

const dapUrl = (query = '') => `${lb.ws}/dap?token=${TOKEN}${query}`;
const reattachQuery = (s) => `&session=${encodeURIComponent(s.id)}&secret=${encodeURIComponent(s.secret)}`;

async function openLaunched() {
  const dap = await DapSocket.open(dapUrl());
  const stopped = await dap.launch(PROGRAM);
  assert.equal(stopped.reason, 'entry');
  return { dap, ...dap.session };
}

before(async () => {
  if (skip) return;
  const [listen, stats] = [await freePort(), await freePort()];
  lb = { url: `http://127.0.0.1:${listen}`, ws: `ws://127.0.0.1:${listen}`, stats: `http://127.0.0.1:${stats}/` };
  instances = {};
  for (const name of ['a', 'b']) {
    const tmp = mkdtempSync(join(tmpdir(), `hindsight-lb-${name}-`)); // a killed instance leaves its files here
    process.once('exit', () => rmSync(tmp, { recursive: true, force: true }));
    const server = await startServer(['--instance', name, '--trust-proxy', '--token', TOKEN,
      '--max-sessions', String(CAPACITY), '--max-sessions-per-client', '100'], { jar: true, jvm: [`-Djava.io.tmpdir=${tmp}`] });
    instances[name] = { server, tmp, port: new URL(server.url).port };
  }
  haproxy = spawn(HAPROXY, ['-db', '-f', join(root, 'misc/haproxy/hindsight.cfg')], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, HINDSIGHT_LISTEN: `127.0.0.1:${listen}`, HINDSIGHT_STATS: `127.0.0.1:${stats}`,
      HINDSIGHT_A: `127.0.0.1:${instances.a.port}`, HINDSIGHT_B: `127.0.0.1:${instances.b.port}` },
  });
  const reap = () => haproxy.kill('SIGKILL');
  process.once('exit', reap);
  haproxy.once('exit', () => process.off('exit', reap));
  let log = '';
  haproxy.stderr.on('data', (d) => { log += d; });
  await waitFor(`HAProxy sees both instances up: ${log}`, async () => {
    try {
      return (await status('hindsight_sessions', 'a')) === 'UP' && (await status('hindsight_sessions', 'b')) === 'UP';
    } catch { return false; }
  });
  browser = await startBrowser();
});

after(async () => {
  for (const s of sessions) s.dap.ws.terminate();
  await browser?.close();
  if (haproxy && haproxy.exitCode == null) {
    const exited = new Promise((r) => haproxy.once('exit', r));
    haproxy.kill('SIGTERM');
    await exited;
  }
  for (const { server, tmp } of Object.values(instances ?? {})) {
    await server.stop();
    rmSync(tmp, { recursive: true, force: true });
  }
});

test('the shipped configuration is valid as it is, with its default addresses', { skip: HAPROXY ? false : 'no haproxy' }, () => {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('HINDSIGHT_')));
  const check = spawnSync(HAPROXY, ['-c', '-f', join(root, 'misc/haproxy/hindsight.cfg')], { env, encoding: 'utf8' });
  assert.equal(check.status, 0, check.stdout + check.stderr);
});

test('a page and fifty sessions through HAProxy spread over both instances, each named by its instance', opts, async () => {
  page = await openPage(browser, `${lb.url}/?token=${TOKEN}`);
  await compileExample(page, 'Loops');
  page.instance = new URL(page.url()).hash.slice(1).split('.')[0];
  assert.ok(['a', 'b'].includes(page.instance), page.url());

  for (let i = 0; i < 50; i += 5) { // a few at a time: each compiles a program
    sessions.push(...await Promise.all([0, 1, 2, 3, 4].map(() => openLaunched())));
  }
  const on = (name) => sessions.filter((s) => s.instance === name).length;
  assert.ok(on('a') >= 10 && on('b') >= 10, `spread: a ${on('a')}, b ${on('b')}`);
  for (const s of sessions) assert.ok(s.id.startsWith(`${s.instance}.`), s.id);
  for (const name of ['a', 'b']) {
    const health = await (await fetch(`http://127.0.0.1:${instances[name].port}/healthz`)).json();
    assert.deepEqual(health, { sessions: on(name) + (page.instance === name ? 1 : 0), capacity: CAPACITY, instance: name });
  }
});

test('when both instances are full a new session is told the server is busy, and every reconnect still reaches its own instance', opts, async () => {
  sessions.push(await openLaunched()); // the last free place: now both are full
  // Full instances are down for new sessions in HAProxy ...
  await waitFor('both instances down for new sessions', async () =>
    (await status('hindsight_sessions', 'a')) === 'DOWN' && (await status('hindsight_sessions', 'b')) === 'DOWN');
  // ... yet a new one still reaches an instance, which says why it cannot have a session ...
  const refused = await DapSocket.open(dapUrl()).then(() => 'admitted', (e) => e);
  assert.equal(refused.code, 1013, String(refused));
  assert.match(refused.reason, /^server busy: all 26 debugging sessions are in use/);
  assert.equal((await fetch(`${lb.url}/?token=${TOKEN}`)).status, 200, 'the page still loads');
  // ... and every session's reconnect goes to its own instance.
  for (const s of sessions) {
    await s.dap.close();
    s.dap = await DapSocket.open(dapUrl(reattachQuery(s)));
    assert.deepEqual(s.dap.session, { id: s.id, secret: s.secret, instance: s.instance });
    assert.equal((await s.dap.event('stopped')).reason, 'entry', 'the engine re-sends where it stopped');
  }
});

test('killing one instance loses only its sessions; the page on it says its session has ended', opts, async () => {
  // Room on both again, so that new sessions could go anywhere.
  for (const name of ['a', 'b']) {
    const s = sessions.find((x) => x.instance === name);
    await s.dap.request('disconnect', { terminateDebuggee: true });
    await s.dap.closed;
    sessions.splice(sessions.indexOf(s), 1);
  }
  await waitFor('both instances up again', async () =>
    (await status('hindsight_sessions', 'a')) === 'UP' && (await status('hindsight_sessions', 'b')) === 'UP');

  const killed = page.instance;
  const survivor = killed === 'a' ? 'b' : 'a';
  await instances[killed].server.kill();
  await page.waitForFunction(() => /This session has ended \(the server restarted or it expired\)\. Press Compile to start a new one\./
    .test(document.querySelector('#status').textContent), null, { timeout: 60_000 });

  for (const s of sessions.filter((x) => x.instance === killed)) {
    const { code } = await s.dap.closed; // its socket died with its instance
    assert.notEqual(code, 1000);
    const again = await DapSocket.open(dapUrl(reattachQuery(s))).then(() => 'reattached', (e) => e);
    assert.equal(again.code, 4404, `${s.id}: ${again}`);
  }
  for (const s of sessions.filter((x) => x.instance === survivor)) {
    const stopped = s.dap.event('stopped');
    await s.dap.request('next', { threadId: (await s.dap.request('threads')).threads[0].id });
    assert.equal((await stopped).reason, 'step', `${s.id} keeps running`);
  }
  assert.deepEqual(page.problems, []);
});
