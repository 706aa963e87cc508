'use strict';
// The launcher's class archive for `hindsight dap` (JDK application class data sharing): made in
// the background for the jars at hand while starts go on without it, mapped once ready, never
// used for other jars (a rebuilt jar: a new one is made; an archive that does not fit: declined),
// and never a word about it on stderr or stdout. The launcher runs from a copy of its files and
// jars with its own cache directory, so the real build and cache are never touched.
const test = require('node:test');
const assert = require('assert/strict');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { Session } = require('../lib/session');
const { ROOT } = require('../lib/adapter');
const fixtures = require('../lib/fixtures');
const { launcherCopy } = require('../lib/launcher');

const T = { timeout: 900000 };
const V = '0.1.0-SNAPSHOT';
// The adapter's own JVM on every start: the adapter service (dap-service.test.js) would serve the later ones.
process.env.HINDSIGHT_DAP_SERVICE = 'off';

/** One session through the copied launcher to the stop at main; the classes it mapped from an archive. */
async function firstStop(t, root, log) {
  process.env.HINDSIGHT_JAVA_OPTS = `-Xlog:class+load=info:file=${log}`;
  const s = Session.open(t, [path.join(root, 'hindsight'), 'dap']);
  delete process.env.HINDSIGHT_JAVA_OPTS;
  await s.launch({ program: fixtures.source('basics.c'), stopOnEntry: true });
  await s.stopped('entry');
  assert.match((await s.top()).name, /^main\b/);
  // The session ends as an editor ends it, and the adapter by itself: not killed (s.close() would
  // terminate one that takes long), so an exit it said a word about or failed would show.
  assert.equal((await s.raw('disconnect', { terminateDebuggee: true })).success, true, 'disconnect answered');
  const deadline = new Promise((_, reject) => setTimeout(() => reject(new Error('the adapter did not exit within 120 s of its disconnect')), 120000).unref());
  assert.deepEqual(await Promise.race([s.exited, deadline]), { code: 0, signal: null }, 'the adapter exits by itself, with 0');
  assert.equal(s.stderr, '', 'nothing on stderr');
  const loaded = fs.existsSync(log) ? fs.readFileSync(log, 'utf8') : '';
  assert.match(loaded, /DapMain/, 'the class log was written');
  return (loaded.match(/source: shared objects file \(top\)/g) || []).length;
}

/** The archive directories of the cache once no maker is at work (waits up to five minutes). */
async function madeArchives(cache) {
  const dir = path.join(cache, 'hindsight', 'cds');
  const deadline = Date.now() + 300000;
  for (;;) {
    const names = fs.existsSync(dir) ? fs.readdirSync(dir) : [];
    if (!names.some(n => n.endsWith('.making'))) {
      return names.filter(n => fs.existsSync(path.join(dir, n, 'dap.jsa'))).map(n => path.join(dir, n, 'dap.jsa'));
    }
    if (Date.now() > deadline) throw new Error(`still making: ${names.join(' ')}`);
    await new Promise(r => setTimeout(r, 200));
  }
}

test('hindsight dap: its class archive, made in the background, per jar build, never a word about it', T, async t => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hindsight-dap-cds-test-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const root = path.join(dir, 'root');
  const cache = path.join(dir, 'cache');
  launcherCopy(root);
  process.env.XDG_CACHE_HOME = cache;
  let n = 0;
  const log = () => path.join(dir, `classes-${n++}.log`);

  // Two first starts at once: both run without an archive while one is made.
  const [a, b] = await Promise.all([firstStop(t, root, log()), firstStop(t, root, log())]);
  assert.equal(a + b, 0, 'no archive before one is made');
  const made = await madeArchives(cache);
  assert.equal(made.length, 1, made.join(' '));
  const oldArchive = fs.readFileSync(made[0]);
  assert.ok(await firstStop(t, root, log()) > 100, 'classes mapped from the archive');

  // A rebuilt jar: that start does without, a new archive is made for it.
  const jar = path.join(root, 'dap-server', 'target', `hindsight-dap-server-${V}.jar`);
  const later = new Date(Date.now() + 60000);
  fs.utimesSync(jar, later, later);
  assert.equal(await firstStop(t, root, log()), 0, 'no archive of the old jars is mapped');
  const renewed = (await madeArchives(cache)).filter(f => f !== made[0]);
  assert.equal(renewed.length, 1, 'an archive for the rebuilt jar');
  assert.ok(await firstStop(t, root, log()) > 100, 'classes mapped from the renewed archive');

  // An archive that does not fit the jars (made for the old build): declined without a word.
  fs.rmSync(renewed[0]);
  fs.writeFileSync(renewed[0], oldArchive);
  assert.equal(await firstStop(t, root, log()), 0, 'the JVM declines an archive made for other jars');
});
