'use strict';
// The launcher's class archive for hindsight gdb (JDK application class data sharing): made on the
// first start for the jars at hand, mapped by later starts, made again when a jar is rebuilt, and
// never a word about it on stderr, which MI front ends read: not when two starts make it at once,
// not when an archive no longer fits the jars (the JVM declines it and starts without).
// The launcher runs from a copy of its files and jars, so the real build is never touched.
const test = require('node:test');
const assert = require('assert/strict');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawn } = require('child_process');
const fixtures = require('../lib/fixtures');

const T = { timeout: 600000 };
const V = '0.1.0-SNAPSHOT';
const ROOT = fixtures.ROOT;

/** A launcher tree with what `hindsight gdb` needs and nothing to build. */
function launcherCopy(dir) {
  const copy = (rel) => {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.cpSync(path.join(ROOT, rel), path.join(dir, rel), { recursive: true });
  };
  for (const rel of ['hindsight', 'bin/hindsight-gdb', 'misc/ensure-deps.sh', `tracer/target/hindsight-tracer-${V}.jar`,
    `index/target/hindsight-index-${V}.jar`, `mi-server/target/hindsight-mi-server-${V}.jar`, 'mi-server/target/lib',
    'tracer/src/test/resources/programs/hello.c']) copy(rel);
}

/** bin/hindsight-gdb on MI to the first stop at main: its stdout, its stderr, the classes it mapped from the archive. */
function firstStop(root, cache, program) {
  const log = path.join(cache, `classes-${process.hrtime.bigint()}.log`);
  const env = { ...process.env, XDG_CACHE_HOME: cache, HINDSIGHT_JAVA_OPTS: `-Xlog:class+load=info:file=${log}` };
  return new Promise((resolve, reject) => {
    const p = spawn(path.join(root, 'bin', 'hindsight-gdb'), ['-i=mi', '-q', '-nx', program], { env });
    let out = '', err = '';
    p.stdout.on('data', d => { out += d; });
    p.stderr.on('data', d => { err += d; });
    p.on('error', reject);
    p.on('exit', () => {
      const loaded = fs.existsSync(log) ? fs.readFileSync(log, 'utf8') : '';
      resolve({ out, err, archived: (loaded.match(/source: shared objects file \(top\)/g) || []).length });
    });
    p.stdin.end('-break-insert main\n-exec-run\n-gdb-exit\n');
  });
}

const archives = cache => {
  const dir = path.join(cache, 'hindsight', 'cds');
  return fs.existsSync(dir) ? fs.readdirSync(dir).filter(f => f.endsWith('.jsa')).map(f => path.join(dir, f)) : [];
};

function stoppedAtMain(r, what) {
  assert.match(r.out, /\*stopped,reason="breakpoint-hit"/, `${what}: stdout\n${r.out}`);
  assert.equal(r.err, '', `${what}: nothing on stderr`);
}

test('hindsight gdb: its class archive per jar build, silent when made at once, renewed, or not fitting', T, async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hindsight-cds-test-'));
  process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  const root = path.join(dir, 'root');
  const cache = path.join(dir, 'cache');
  fs.mkdirSync(cache);
  launcherCopy(root);
  const program = fixtures.compile('hello.c');

  // Two first starts at once: each may make the archive; both run, one whole archive remains.
  const [a, b] = await Promise.all([firstStop(root, cache, program), firstStop(root, cache, program)]);
  stoppedAtMain(a, 'first start');
  stoppedAtMain(b, 'concurrent first start');
  assert.equal(archives(cache).length, 1, archives(cache).join(' '));
  const first = archives(cache)[0];
  const firstBytes = fs.readFileSync(first);
  const mapped = await firstStop(root, cache, program);
  stoppedAtMain(mapped, 'second start');
  assert.ok(mapped.archived > 100, `classes mapped from the archive: ${mapped.archived}`);

  // A rebuilt jar: a new archive for it, the old one gone.
  const jar = path.join(root, 'mi-server', 'target', `hindsight-mi-server-${V}.jar`);
  const later = new Date(Date.now() + 60000);
  fs.utimesSync(jar, later, later);
  const rebuilt = await firstStop(root, cache, program);
  stoppedAtMain(rebuilt, 'start after a rebuild');
  assert.equal(archives(cache).length, 1);
  assert.notEqual(archives(cache)[0], first, 'a new archive for the rebuilt jar');
  const renewed = await firstStop(root, cache, program);
  stoppedAtMain(renewed, 'start on the renewed archive');
  assert.ok(renewed.archived > 100, `classes mapped from the renewed archive: ${renewed.archived}`);

  // An archive that does not fit the jars (made for the old build): declined without a word.
  const current = archives(cache)[0];
  fs.rmSync(current);
  fs.writeFileSync(current, firstBytes);
  const stale = await firstStop(root, cache, program);
  stoppedAtMain(stale, 'start on an archive of other jars');
  assert.equal(stale.archived, 0, 'the JVM declines an archive made for other jars');
});
