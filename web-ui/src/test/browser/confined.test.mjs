// `hindsight serve` confines programs by default: a program sent over the /dap WebSocket runs as
// a user of its own, sees none of the machine's secrets, and a program killed by a limit is
// reported as such. `--no-confine` is the explicit opt-out.
import test from 'node:test';
import assert from 'node:assert/strict';
import WebSocket from 'ws';
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
