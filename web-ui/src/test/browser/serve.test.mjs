// `hindsight serve` as README.md's Security paragraph promises it: the generated token printed in
// the URL, program output shown only as text, and a 503 for the page when it was not bundled.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { startServer, startBrowser, openPage, target } from './harness.mjs';
import { click, nextStop, setSource, stops } from './debugging.mjs';

let browser;
before(async () => { browser = await startBrowser(); });
after(async () => { await browser?.close(); });

/** The status of a /dap upgrade, or the first event's name once it opened. */
function firstOnDap(url, options = {}) {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, options);
    ws.on('unexpected-response', (req, res) => { req.destroy(); resolve(res.statusCode); });
    ws.on('message', (m) => { ws.close(); resolve(JSON.parse(m).event); });
    ws.on('close', (code, reason) => resolve(`closed ${code} ${reason}`));
    ws.on('error', (e) => resolve(String(e)));
  });
}

test('on a non-loopback address a generated token is printed in the URL, and only it opens the page', { timeout: 60_000 }, async () => {
  // Listens on every address; the test's own traffic goes to loopback only.
  const server = await startServer(['--host', '0.0.0.0']);
  try {
    const printed = new URL(server.url);
    const token = printed.searchParams.get('token');
    assert.match(token ?? '', /^[A-Za-z0-9_-]+$/, `a URL-safe token in ${server.url}`);
    const local = `http://127.0.0.1:${printed.port}`;
    assert.equal((await fetch(`${local}/`)).status, 401);
    assert.equal((await fetch(`${local}/?token=${token}x`)).status, 401);
    assert.equal((await fetch(`${local}/?token=${token.slice(0, -1)}`)).status, 401);
    const page = await fetch(`${local}/?token=${token}`);
    assert.equal(page.status, 200);
    assert.match(page.headers.get('set-cookie') ?? '', /HttpOnly/i);
    const dap = `ws://127.0.0.1:${printed.port}/dap`;
    assert.equal(await firstOnDap(dap), 401);
    assert.equal(await firstOnDap(`${dap}?token=wrong`), 401);
    assert.equal(await firstOnDap(`${dap}?token=${token}`), 'hindsight/session');
    const opened = await openPage(browser, `${local}/?token=${token}`);
    assert.deepEqual(opened.problems, []);
    await opened.close();
  } finally {
    await server.stop();
  }
});

test('without the bundled page the server answers 503 for it and still serves /dap', { timeout: 60_000 }, async () => {
  // web-ui's classes without their static/ directory: what a build without node and npm produces.
  const classes = mkdtempSync(join(tmpdir(), 'hindsight-no-page-'));
  symlinkSync(join(target, 'classes/dev'), join(classes, 'dev'));
  const server = await startServer([], { classes });
  try {
    for (const path of ['/', '/index.html', '/app.js']) {
      const r = await fetch(new URL(path, server.url));
      assert.equal(r.status, 503, path);
      assert.match(await r.text(), /not built.*node and npm/, path);
      assert.match(r.headers.get('content-security-policy') ?? '', /default-src 'self'/, path);
    }
    assert.equal(await firstOnDap(server.url.replace(/^http/, 'ws').replace(/\/(\?.*)?$/, '/dap')), 'hindsight/session');
  } finally {
    await server.stop();
    rmSync(classes, { recursive: true, force: true });
  }
});

test('program output that looks like HTML is shown as text and never runs', { timeout: 120_000 }, async () => {
  const server = await startServer();
  try {
    const page = await openPage(browser, server.url);
    const markup = [
      '<img src=x onerror="document.body.dataset.injected=1">',
      '<script>document.body.dataset.injected=2</script>',
      '<b id="bold">not bold</b>',
    ];
    const c = (s) => JSON.stringify(s).replaceAll('%', '%%');
    await setSource(page, [
      '#include <stdio.h>',
      'int main(void) {',
      `    printf(${c(`${markup[0]}\n`)});`,
      `    printf(${c(`${markup[1]}\n`)});`,
      `    fprintf(stderr, ${c(`${markup[2]}\n`)});`,
      '    return 0;',
      '}',
      ''].join('\n'));
    const before = await stops(page);
    await click(page, 'Compile');
    await nextStop(page, before);
    await click(page, 'Continue');
    await page.waitForFunction(() => /exited with code 0/.test(document.querySelector('#output').textContent), undefined, { timeout: 60_000 });
    const shown = await page.locator('#output').textContent();
    for (const m of markup) assert.ok(shown.includes(m), `shown literally: ${m}`);
    assert.equal(await page.locator('#output *:not(span)').count(), 0, 'only text spans in the output');
    assert.equal(await page.locator('img[src="x"], script:not([src]), #bold').count(), 0, 'no element was made of it');
    assert.equal(await page.evaluate(() => document.body.dataset.injected), undefined, 'nothing of it ran');
    assert.deepEqual(page.problems, [], 'no console errors or policy violations');
    await page.close();
  } finally {
    await server.stop();
  }
});

test('--log info=FILE writes the server\'s and the sessions\' lines, each starting with its level', { timeout: 60_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'hindsight-log-'));
  const file = join(dir, 'serve.log');
  const server = await startServer(['--log', `info=${file}`, '--grace', '0']);
  try {
    assert.equal(await firstOnDap(server.url.replace(/^http/, 'ws').replace(/\/(\?.*)?$/, '/dap')), 'hindsight/session');
    const deadline = Date.now() + 20_000;
    let text = '';
    while (Date.now() < deadline && !/session \S+ ended/.test(text)) {
      await new Promise((r) => setTimeout(r, 100));
      try { text = readFileSync(file, 'utf8'); } catch { /* not yet written */ }
    }
    const lines = text.trim().split('\n');
    for (const line of lines) assert.match(line, /^(ERROR|WARN|INFO|DEBUG) /, line);
    assert.ok(lines.some((l) => /^INFO .*listening on 127\.0\.0\.1:\d+/.test(l)), text);
    assert.ok(lines.some((l) => /^INFO .*programs run (confined|UNCONFINED)/.test(l)), text);
    assert.ok(lines.some((l) => /^INFO .*session \S+ opened by 127\.0\.0\.1/.test(l)), text);
    assert.ok(lines.some((l) => /^INFO .*session \S+ ended: its page went away/.test(l)), text);
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
