// The page under the server's admission rules: a full server says it is busy, a session's URL alone
// does not open it in another tab, and a dropped connection gets its session back at once.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, startBrowser, openPage, engineBuilt } from './harness.mjs';
import { click, compileExample, nextStop, register, stepWith } from './debugging.mjs';

const skip = engineBuilt() ? false : 'the DAP engine (dap-server) is not built';
const opts = { skip, timeout: 120_000 };
let browser;
before(async () => { if (!skip) browser = await startBrowser(); });
after(async () => { await browser?.close(); });

const statusMatches = (page, pattern) => page.waitForFunction(
  (source) => new RegExp(source).test(document.querySelector('#status').textContent), pattern.source);

test('a page beyond the server\'s capacity is told the server is busy; the page inside keeps working', opts, async () => {
  const server = await startServer(['--max-sessions', '1']);
  try {
    const inside = await openPage(browser, server.url);
    await compileExample(inside, 'Loops');
    const outside = await openPage(browser, server.url);
    const said = [];
    outside.on('websocket', (ws) => ws.on('framesent', (f) => said.push(String(f.payload))));
    await click(outside, 'Compile');
    await statusMatches(outside, /^Server busy: all 1 debugging sessions are in use; try again in a few minutes$/);
    // The server closes a refused connection with 1013 and Jetty then drops the TCP connection at
    // once: a request the page had sent meanwhile made chromium report an abnormal close (1006,
    // "Disconnected from the server.") instead, now and then. So the page waits to be admitted.
    assert.deepEqual(said.filter((m) => m.startsWith('{')), [], 'nothing sent on the refused connection');
    assert.ok(await outside.getByRole('button', { name: 'Step instruction' }).isDisabled());
    const rip = await register(inside, 'rip');
    await stepWith(inside, 'Step instruction');
    assert.notEqual(await register(inside, 'rip'), rip);
    assert.deepEqual([...inside.problems, ...outside.problems], []);
  } finally {
    await server.stop();
  }
});

test('a page whose launch is refused because the server filled up after it was admitted is told the server is busy', opts, async () => {
  const server = await startServer(['--max-sessions', '1']);
  try {
    const late = await openPage(browser, server.url);
    // The late page's launch is held until another page has launched. When the server then refuses
    // it and closes the connection (1013), the page's socket is closed as a dropped one (1001, which
    // means nothing of its own to the page), as chromium reports an abnormal close (1006) when
    // Jetty drops the connection under the page's configurationDone.
    let release;
    const launched = new Promise((resolve) => { release = resolve; });
    await late.routeWebSocket(/\/dap/, (ws) => {
      const upstream = ws.connectToServer();
      let inOrder = Promise.resolve();
      ws.onMessage((m) => {
        inOrder = inOrder.then(async () => {
          if (String(m).includes('"command":"launch"')) await launched;
          upstream.send(m);
        });
      });
      upstream.onMessage((m) => ws.send(m));
      upstream.onClose(() => ws.close({ code: 1001, reason: 'dropped' }));
    });
    await click(late, 'Compile');
    const inside = await openPage(browser, server.url);
    await compileExample(inside, 'Loops');
    release();
    await statusMatches(late, /^Server busy: all 1 debugging sessions are in use; try again in a few minutes$/);
    assert.ok(await late.getByRole('button', { name: 'Step instruction' }).isDisabled());
    assert.deepEqual(inside.problems, []);
  } finally {
    await server.stop();
  }
});

test('a session\'s URL opened in another tab does not take the session over', opts, async () => {
  const server = await startServer();
  try {
    const owner = await openPage(browser, server.url);
    await compileExample(owner, 'Recursion');
    const other = await openPage(browser, owner.url()); // a new tab: the secret is not in its storage
    await statusMatches(other, /^This session belongs to the page that started it/);
    assert.ok(await other.getByRole('button', { name: 'Step instruction' }).isDisabled());
    const rip = await register(owner, 'rip');
    await stepWith(owner, 'Step instruction');
    assert.notEqual(await register(owner, 'rip'), rip, 'the owner still steps');
    await owner.reload(); // the owner's own tab keeps the secret across a reload
    await nextStop(owner, 0);
    assert.deepEqual(owner.problems, []);
  } finally {
    await server.stop();
  }
});

test('a dropped connection gets its session back at once', opts, async () => {
  const server = await startServer();
  try {
    const page = await openPage(browser, server.url);
    await compileExample(page, 'Loops');
    const url = page.url();
    const rip = await register(page, 'rip');
    const before = Number(await page.evaluate(() => document.body.dataset.stops));
    // As when a proxy's timeout cuts the socket: a close the page did not ask for (4000: no meaning to the server).
    await page.evaluate(() => globalThis.hindsight.dbg.client.socket.close(4000, 'cut'));
    await nextStop(page, before); // the stop re-sent to the reattached page
    assert.equal(page.url(), url);
    assert.equal(await register(page, 'rip'), rip);
    await stepWith(page, 'Step instruction');
    assert.notEqual(await register(page, 'rip'), rip);
    assert.deepEqual(page.problems, []);
  } finally {
    await server.stop();
  }
});
