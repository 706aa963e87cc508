// The page without a running program: loads under the strict CSP, labelled regions and controls,
// examples, narrow screens, and the server's refusal of foreign-origin WebSockets.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import { startServer, startBrowser, openPage } from './harness.mjs';

let server;
let browser;
before(async () => { server = await startServer(); browser = await startBrowser(); });
after(async () => { await browser?.close(); await server?.stop(); });

test('every response carries the Content-Security-Policy', async () => {
  for (const path of ['/', '/app.js', '/style.css', '/nothing-here']) {
    const r = await fetch(new URL(path, server.url));
    const csp = r.headers.get('content-security-policy') ?? '';
    assert.match(csp, /default-src 'self'/, path);
    assert.match(csp, /frame-ancestors 'none'/, path);
    assert.match(csp, /require-trusted-types-for 'script'/, path);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/, path);
    assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
  }
});

test('the page loads without CSP violations and shows its regions and controls', async () => {
  const page = await openPage(browser, server.url);
  for (const name of ['Source', 'Disassembly', 'Registers', 'Variables', 'Call stack', 'Memory', 'Output']) {
    assert.equal(await page.getByRole('region', { name, exact: true }).count(), 1, name);
  }
  for (const name of ['Compile', 'Step instruction', 'Step line', 'Step over', 'Step out', 'Continue', 'Pause',
    'Stop', 'Restart', 'Auto-step']) {
    assert.equal(await page.getByRole('button', { name, exact: true }).count(), 1, name);
  }
  assert.ok(await page.getByRole('button', { name: 'Compile', exact: true }).getAttribute('aria-keyshortcuts'));
  // CodeMirror highlighted the C source (its styles were admitted by the policy).
  assert.ok(await page.locator('.cm-content span[class]').count() > 0);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('the examples menu has every example and switches language', async () => {
  const page = await openPage(browser, server.url);
  const titles = await page.locator('#example option').allTextContents();
  for (const t of ['Hello, world', 'Loops', 'Recursion', 'Pointers and structs', 'Floating point', 'A C++ class', 'x86-64 assembly']) {
    assert.ok(titles.includes(t), t);
  }
  await page.selectOption('#example', { label: 'x86-64 assembly' });
  assert.equal(await page.inputValue('#language'), 'asm');
  assert.match(await page.locator('.cm-content').innerText(), /syscall/);
  await page.selectOption('#example', { label: 'A C++ class' });
  assert.equal(await page.inputValue('#language'), 'cpp');
  await page.close();
});

test('a narrow screen stacks the panels without horizontal scrolling', async () => {
  const page = await openPage(browser, server.url, { width: 390, height: 844 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `page is ${overflow}px too wide`);
  const source = await page.getByRole('region', { name: 'Source' }).boundingBox();
  const disasm = await page.getByRole('region', { name: 'Disassembly' }).boundingBox();
  assert.ok(disasm.y >= source.y + source.height - 1, 'panels are stacked');
  await page.close();
});

test('a WebSocket from a foreign origin is refused', { timeout: 30_000 }, async () => {
  const wsUrl = server.url.replace(/^http/, 'ws').replace(/\/(\?.*)?$/, '/dap');
  const status = await new Promise((resolve) => {
    const ws = new WebSocket(wsUrl, { origin: 'http://evil.example' });
    ws.on('unexpected-response', (req, res) => { req.destroy(); resolve(res.statusCode); });
    ws.on('open', () => { ws.close(); resolve('open'); });
    ws.on('error', () => {});
  });
  assert.equal(status, 403);
  const own = await new Promise((resolve) => {
    const ws = new WebSocket(wsUrl, { origin: server.origin });
    ws.on('message', (m) => { ws.close(); resolve(JSON.parse(m).event); });
    ws.on('close', (code, reason) => resolve(`closed ${code} ${reason}`));
    ws.on('error', (e) => resolve(String(e)));
  });
  assert.equal(own, 'hindsight/session');
});

test('an opened file sets the language from its type', async () => {
  const page = await openPage(browser, server.url);
  await page.setInputFiles('#openFile', { name: 'start.s', mimeType: 'text/plain', buffer: Buffer.from('  .globl main\nmain:\n  ret\n') });
  await page.waitForFunction(() => document.querySelector('#language').value === 'asm');
  assert.match(await page.locator('.cm-content').innerText(), /\.globl main/);
  assert.equal(await page.textContent('#fileName'), 'main.s');
  await page.setInputFiles('#openFile', { name: 'shape.cpp', mimeType: 'text/plain', buffer: Buffer.from('class Shape {};\n') });
  await page.waitForFunction(() => document.querySelector('#language').value === 'cpp');
  await page.close();
});

test('with a token, the printed URL opens the page and its WebSocket; without it 401', { timeout: 60_000 }, async () => {
  const guarded = await startServer(['--token', 'opensesame']);
  try {
    assert.match(guarded.url, /\?token=opensesame$/);
    assert.equal((await fetch(new URL('/', guarded.url))).status, 401);
    assert.equal((await fetch(new URL('/app.js', guarded.url))).status, 401);
    const page = await openPage(browser, guarded.url); // app.js and style.css load with the cookie
    assert.deepEqual(page.problems, []);
    const first = await page.evaluate(() => new Promise((resolve) => {
      const ws = new WebSocket(`ws://${location.host}/dap`);
      ws.onmessage = (e) => { ws.close(); resolve(JSON.parse(e.data).event); };
      ws.onerror = () => resolve('refused');
    }));
    assert.equal(first, 'hindsight/session');
    await page.close();
  } finally {
    await guarded.stop();
  }
});

test('a URL whose session is gone says so', { timeout: 60_000 }, async () => {
  const page = await openPage(browser, `${server.url}#AAAAAAAAAAAAAAAAAAAAAA`);
  await page.waitForFunction(() => /This session has ended \(the server restarted or it expired\)\. Press Compile/.test(document.querySelector('#status').textContent));
  assert.ok(await page.getByRole('button', { name: 'Step instruction' }).isDisabled());
  assert.ok(!(await page.getByRole('button', { name: 'Compile' }).isDisabled()));
  await page.close();
});
