'use strict';
// `hindsight dap --confine`: an editor's sessions in the web UI's sandbox. The launched program's
// folder is readable, the program runs as a session user of its own in its own PID namespace
// with none of the machine's secrets, and attach (which would reach outside) is refused.
const test = require('node:test');
const assert = require('assert/strict');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { Session } = require('../lib/session');
const { adapterCommand, javaAdapterCommand } = require('../lib/adapter');

const T = { timeout: 120000 };
const PROBE = `#include <stdio.h>
#include <unistd.h>
int main(void) {
  printf("uid=%d pid=%d shadow=%s\\n", (int) getuid(), (int) getpid(),
         access("/etc/shadow", F_OK) == 0 ? "visible" : "absent");
  return 0;
}
`;

function probeFile(t) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hindsight-confine-'));
  fs.chmodSync(dir, 0o755); // the session user reads the program's folder
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'probe.c');
  fs.writeFileSync(file, PROBE);
  fs.chmodSync(file, 0o644);
  return file;
}

test('with --confine a launched program runs as a session user in its own namespaces', T, async t => {
  const s = Session.open(t, adapterCommand(['--confine']));
  await s.launch({ program: probeFile(t) });
  await s.event('exited');
  await s.outputContaining('stdout', 'shadow=');
  const m = /uid=(\d+) pid=(\d+) shadow=(\w+)/.exec(s.output('stdout'));
  assert.ok(m, s.output('stdout'));
  assert.ok(Number(m[1]) >= 1900000000, `a session user of its own, not ${m[1]}`);
  assert.equal(m[2], '2');
  assert.equal(m[3], 'absent');
});

test('without --confine the same program runs as the adapter user (the editor default)', T, async t => {
  const s = Session.open(t);
  await s.launch({ program: probeFile(t) });
  await s.event('exited');
  await s.outputContaining('stdout', 'shadow=');
  assert.match(s.output('stdout'), new RegExp(`uid=${process.getuid()} `));
});

test('with --confine attach is refused', T, async t => {
  const s = Session.open(t, adapterCommand(['--confine']));
  await s.initialize();
  await assert.rejects(s.request('attach', { pid: process.pid }), /does not allow attaching/);
});

// A server run by an ordinary user cannot give sessions users of their own: its sessions run as
// itself, mapped in a user namespace, still with their own PID namespace and no /etc/shadow. Under
// root (as CI runs) the adapter is started as `nobody` from a copy of the jars that user can read.
test('--confine works for an adapter run by an ordinary user', T, async t => {
  // The JVM itself: the copy of its jars below is what that user can read.
  let command = javaAdapterCommand(['--confine']);
  let expectedUid = process.getuid();
  if (process.getuid() === 0) {
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'hindsight-nobody-'));
    t.after(() => fs.rmSync(copy, { recursive: true, force: true }));
    const cpIndex = command.indexOf('-cp');
    const parts = command[cpIndex + 1].split(':');
    const jar = parts[0];
    const lib = path.dirname(parts[1]);
    fs.copyFileSync(jar, path.join(copy, path.basename(jar)));
    fs.cpSync(lib, path.join(copy, 'lib'), { recursive: true });
    for (const f of [copy, ...fs.readdirSync(copy, { recursive: true }).map(n => path.join(copy, n))]) {
      fs.chmodSync(f, fs.statSync(f).isDirectory() ? 0o755 : 0o644);
    }
    command = ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', '--', ...command];
    command[command.indexOf('-cp') + 1] = `${path.join(copy, path.basename(jar))}:${path.join(copy, 'lib', '*')}`;
    expectedUid = 65534;
  }
  const s = Session.open(t, command);
  await s.launch({ program: probeFile(t) });
  await s.event('exited');
  await s.outputContaining('stdout', 'shadow=');
  assert.match(s.output('stdout'), new RegExp(`uid=${expectedUid} pid=2 shadow=absent`));
});
