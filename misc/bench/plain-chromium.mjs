// Runs a function in a page of Debian's chromium with nothing watching the page but one DevTools
// connection that only evaluates it. Playwright enables the Network domain on every page it drives,
// so Chromium copies each WebSocket frame (its payload included) to the DevTools client: on a
// stepping page that is more CPU per step in the renderer and browser processes than the page's
// own work. A benchmark of what a user's browser does must not pay for it.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Opens `url` in a fresh headless chromium, evaluates `fn(arg)` there, resolves with its value. */
export async function evaluateInPlainChromium(WebSocket, url, fn, arg) {
  const profile = mkdtempSync(join(tmpdir(), 'hindsight-chromium-'));
  const browser = spawn(process.env.CHROMIUM ?? '/usr/bin/chromium', ['--headless', '--no-sandbox', '--disable-gpu',
    '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--disable-dev-shm-usage', `--user-data-dir=${profile}`, '--remote-debugging-port=0', url],
  { stdio: 'ignore' });
  // Never outlive the benchmark, whatever happens to it.
  const reap = () => browser.kill('SIGTERM');
  process.once('exit', reap);
  try {
    const port = await until(() => {
      const file = join(profile, 'DevToolsActivePort');
      return existsSync(file) && readFileSync(file, 'utf8').split('\n')[0];
    });
    const target = await until(async () => {
      const list = await (await fetch(`http://127.0.0.1:${port}/json/list`)).json();
      return list.find((t) => t.type === 'page' && t.url.startsWith(new URL(url).origin));
    });
    const ws = new WebSocket(target.webSocketDebuggerUrl);
    await new Promise((resolve, reject) => { ws.once('open', resolve); ws.once('error', reject); });
    let id = 0;
    const call = (method, params) => new Promise((resolve, reject) => {
      const mine = ++id;
      const onMessage = (data) => {
        const m = JSON.parse(data);
        if (m.id !== mine) return;
        ws.off('message', onMessage);
        if (m.error) reject(new Error(`${method}: ${m.error.message}`)); else resolve(m.result);
      };
      ws.on('message', onMessage);
      ws.send(JSON.stringify({ id: mine, method, params }));
    });
    // The target is listed with its URL while the first, empty document (origin "null") still shows.
    const loaded = `location.origin === ${JSON.stringify(new URL(url).origin)} && document.readyState === 'complete'`;
    await until(async () => (await call('Runtime.evaluate', { expression: loaded, returnByValue: true })).result.value);
    const { result, exceptionDetails } = await call('Runtime.evaluate', {
      expression: `(${fn})(${JSON.stringify(arg)})`, awaitPromise: true, returnByValue: true,
    });
    if (exceptionDetails) throw new Error(`in the page: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
    ws.close();
    return result.value;
  } finally {
    browser.kill('SIGTERM');
    await new Promise((done) => { if (browser.exitCode != null) done(); else browser.once('exit', done); });
    process.off('exit', reap);
    rmSync(profile, { recursive: true, force: true });
  }
}

/** Polls `probe` until it yields a value (errors count as not yet), for up to a minute. */
async function until(probe) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
    } catch { /* not yet */ }
    if (Date.now() > deadline) throw new Error('chromium did not come up within a minute');
    await new Promise((r) => setTimeout(r, 50));
  }
}
