// How the extension reaches the adapter and reads its compiler messages, against real files on
// disk (a launcher script, a java on a PATH of our choosing).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';

const { adapterPlan, diagnosticOf, isDebuggableSource, currentFileConfiguration } = createRequire(import.meta.url)('../../src/plan.js');

function scratch(t) {
  const dir = mkdtempSync(join(tmpdir(), 'hindsight-plan-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const script = (name, mode = 0o755) => {
    const file = join(dir, name);
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(file, '#!/bin/sh\n');
    chmodSync(file, mode);
    return file;
  };
  return { dir, script };
}

test('a server address: HOST:PORT or PORT (loopback), anything else is refused with the form', () => {
  assert.deepEqual(adapterPlan({ server: '4711' }), { server: { host: '127.0.0.1', port: 4711 } });
  assert.deepEqual(adapterPlan({ server: ' box:80 ' }), { server: { host: 'box', port: 80 } });
  assert.match(adapterPlan({ server: 'box:99999' }).error, /HOST:PORT/);
  assert.match(adapterPlan({ server: 'nonsense' }).error, /HOST:PORT/);
});

test('the launcher from hindsight.path (the script or its checkout) runs `dap` when java is there', (t) => {
  const { dir, script } = scratch(t);
  const launcher = script('checkout/hindsight');
  script('bin/java');
  const env = { PATH: join(dir, 'bin') };
  assert.deepEqual(adapterPlan({ launcherPath: launcher }, env), { command: launcher, args: ['dap'] });
  assert.deepEqual(adapterPlan({ launcherPath: join(dir, 'checkout') }, env), { command: launcher, args: ['dap'] });
  // With no setting, `hindsight` on PATH.
  const onPath = script('bin/hindsight');
  assert.deepEqual(adapterPlan({}, env), { command: onPath, args: ['dap'] });
});

test('a missing launcher, a non-executable one and a missing java each say what to do', (t) => {
  const { dir, script } = scratch(t);
  script('bin/java');
  const env = { PATH: join(dir, 'bin') };
  assert.match(adapterPlan({}, env).error, /set 'hindsight\.path'/);
  assert.match(adapterPlan({ launcherPath: join(dir, 'nowhere/hindsight') }, env).error, /no executable file/);
  const plain = script('plain/hindsight', 0o644);
  assert.match(adapterPlan({ launcherPath: plain }, env).error, /chmod \+x/);
  const launcher = script('checkout/hindsight');
  assert.match(adapterPlan({ launcherPath: launcher }, { PATH: join(dir, 'checkout') }).error, /apt-get install -y default-jdk-headless/);
  script('jdk/bin/java');
  assert.deepEqual(adapterPlan({ launcherPath: launcher }, { PATH: '', JAVA_HOME: join(dir, 'jdk') }), { command: launcher, args: ['dap'] });
});

test('a compiler message output event becomes a 0-based problem; other output does not', () => {
  // The shape dap-server's Events.diagnostic sends (README, "hindsight dap").
  const body = {
    category: 'console', output: 'bad.c:4:5: error: use of undeclared identifier \'y\'\n',
    source: { name: 'bad.c', path: '/w/bad.c' }, line: 4, column: 5,
    data: { kind: 'diagnostic', severity: 'error', message: "use of undeclared identifier 'y'" },
  };
  assert.deepEqual(diagnosticOf(body), { path: '/w/bad.c', line: 3, column: 4, severity: 'error', message: "use of undeclared identifier 'y'" });
  assert.equal(diagnosticOf({ ...body, data: { ...body.data, severity: 'note' } }).severity, 'information');
  assert.equal(diagnosticOf({ ...body, data: { ...body.data, severity: 'warning' } }).severity, 'warning');
  assert.equal(diagnosticOf({ category: 'stdout', output: 'hello\n' }), undefined);
  assert.equal(diagnosticOf({ ...body, source: undefined }), undefined);
});

test('Debug Current File takes the sources the adapter compiles and stops at main', () => {
  for (const f of ['/a/x.c', '/a/x.cc', '/a/x.cpp', '/a/x.cxx', '/a/x.s', '/a/x.S']) assert.ok(isDebuggableSource(f), f);
  for (const f of ['/a/x.h', '/a/x.py', '/a/Makefile']) assert.ok(!isDebuggableSource(f), f);
  assert.deepEqual(currentFileConfiguration('/a/x.c'), { type: 'hindsight', request: 'launch', name: 'Hindsight: x.c', program: '/a/x.c', stopOnEntry: true });
});
