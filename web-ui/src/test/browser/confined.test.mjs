// `hindsight serve` confines programs by default: a program sent over the /dap WebSocket runs as
// a user of its own, sees none of the machine's secrets, and a program killed by a limit is
// reported as such. `--no-confine` is the explicit opt-out.
import test from 'node:test';
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPage, startBrowser, startServer } from './harness.mjs';
import { click, setSource, stops, nextStop } from './debugging.mjs';

const PROBE = `#include <stdio.h>
#include <unistd.h>
int main(void) {
  printf("uid=%d pid=%d shadow=%s\\n", (int) getuid(), (int) getpid(),
         access("/etc/shadow", F_OK) == 0 ? "visible" : "absent");
  return 0;
}
`;

/** Runs one program through the page's protocol; resolves with its stdout and console text. */
function runOverDap(server, text, args = []) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${server.url.replace(/^http/, 'ws').replace(/\/(\?.*)?$/, '')}/dap`);
    let seq = 1;
    let out = '';
    const send = (command, args) => ws.send(JSON.stringify({ seq: seq++, type: 'request', command, arguments: args }));
    const timer = setTimeout(() => { ws.close(); reject(new Error(`no end; output so far: ${out}`)); }, 60_000);
    ws.on('message', (data) => {
      const m = JSON.parse(data.toString());
      if (m.type === 'event' && m.event === 'hindsight/session') {
        send('initialize', { adapterID: 'hindsight' });
        send('launch', { sources: [{ name: 'probe.c', text }], args });
        send('configurationDone', {});
      } else if (m.type === 'event' && m.event === 'output') {
        out += m.body.output;
      } else if (m.type === 'response' && !m.success) {
        clearTimeout(timer); ws.close(); reject(new Error(`${m.command}: ${m.message}`));
      } else if (m.type === 'event' && m.event === 'terminated') {
        clearTimeout(timer); ws.close(); resolve(out);
      }
    });
    ws.on('error', reject);
  });
}

test('serve runs programs confined by default: own user, own pid namespace, no /etc/shadow', { timeout: 120_000 }, async () => {
  const server = await startServer();
  try {
    assert.match(server.stderr(), /programs run confined: bubblewrap namespaces/);
    const out = await runOverDap(server, PROBE);
    const m = /uid=(\d+) pid=(\d+) shadow=(\w+)/.exec(out);
    assert.ok(m, out);
    assert.ok(Number(m[1]) >= 1_900_000_000, `a session user of its own, not ${m[1]}`);
    assert.equal(m[2], '2', 'the program is the second process of its own PID namespace');
    assert.equal(m[3], 'absent');
  } finally {
    await server.stop();
  }
});

test('a limit given to serve ends a program with a message saying which', { timeout: 120_000 }, async () => {
  const server = await startServer(['--memory-limit', '64']);
  try {
    const hog = '#include <stdlib.h>\n#include <string.h>\nint main(void){for(;;){char*p=malloc(1<<20);if(!p)return 1;memset(p,1,1<<20);}}\n';
    const out = await runOverDap(server, hog);
    assert.match(out, /\[program stopped: memory limit of 64 MiB reached \(SIGKILL\)\]/);
  } finally {
    await server.stop();
  }
});

test('the page tells the learner which limit stopped the program', { timeout: 120_000 }, async () => {
  const server = await startServer(['--cpu-limit', '1']);
  const browser = await startBrowser();
  try {
    const page = await openPage(browser, server.url);
    await setSource(page, 'int main(void) {\n  for (volatile unsigned long i = 0;; i++) { }\n}\n');
    const before = await stops(page);
    await click(page, 'Compile');
    await nextStop(page, before);
    await click(page, 'Continue');
    await page.waitForFunction(() => document.querySelector('#output').textContent
      .includes('[program stopped: CPU time limit of 1 s reached (SIGXCPU)]'), null, { timeout: 60_000 });
    assert.deepEqual(page.problems, []);
  } finally {
    await browser.close();
    await server.stop();
  }
});

test('with --no-confine the program runs as the server itself (the documented opt-out)', { timeout: 120_000 }, async () => {
  const server = await startServer(['--no-confine']);
  try {
    assert.match(server.stderr(), /programs run UNCONFINED/);
    const out = await runOverDap(server, PROBE);
    assert.match(out, new RegExp(`uid=${process.getuid()} `));
  } finally {
    await server.stop();
  }
});

/** This server's identity as it names its files: PID-STARTTIME (field 22 of /proc/PID/stat). */
function identity(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return `${pid}-${stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]}`;
}

test('what a server killed with SIGKILL leaves is removed when the next one starts', { timeout: 180_000 }, async () => {
  const first = await startServer();
  const id = identity(first.pid);
  const root = join(process.env.HINDSIGHT_TMPDIR || process.env.TMPDIR || tmpdir(), `hindsight-server-${id}`);
  const cgroup = `/sys/fs/cgroup/memory/hindsight/${id}`;
  // A live session: its directory and control group exist when the server dies.
  const ws = new WebSocket(`${first.url.replace(/^http/, 'ws').replace(/\/(\?.*)?$/, '')}/dap`);
  await new Promise((resolve) => ws.on('message', (d) => {
    const m = JSON.parse(d.toString());
    if (m.event === 'hindsight/session') {
      ws.send(JSON.stringify({ seq: 1, type: 'request', command: 'initialize', arguments: { adapterID: 'h' } }));
      ws.send(JSON.stringify({ seq: 2, type: 'request', command: 'launch', arguments: {
        sources: [{ name: 'w.c', text: 'int main(void){for(;;);}\n' }], stopOnEntry: true } }));
    }
    if (m.command === 'launch') resolve();
  }));
  assert.ok(readdirSync(root).some((n) => n.startsWith('hindsight-')), 'a session directory exists');
  const cgroups = existsSync('/sys/fs/cgroup/memory/cgroup.procs');
  if (cgroups) assert.ok(existsSync(cgroup), 'its control group exists');
  process.kill(first.pid, 'SIGKILL');
  await first.stop();
  ws.terminate();
  assert.ok(existsSync(root), 'a killed server cannot clean up after itself');
  const second = await startServer();
  try {
    assert.equal(existsSync(root), false, 'the next server removed the dead one\'s files');
    if (cgroups) assert.equal(existsSync(cgroup), false, 'and its control groups');
  } finally {
    await second.stop();
  }
});
