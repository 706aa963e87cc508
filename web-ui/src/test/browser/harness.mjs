// Starts `hindsight serve` (the built jar, on a free port) and Debian's chromium for the browser
// tests, the screenshot script and the benchmark.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
export const target = join(root, 'web-ui/target');

/** Whether the DAP engine is in the build (the page can compile and debug). */
export function engineBuilt() {
  return existsSync(join(root, 'dap-server/target/classes/dev/hindsight/dap/DapSession.class'));
}

// Every test page comes from this one address and a closed page keeps its session for the grace
// period: room for a whole suite's pages (the tests of the limits pass their own).
const roomy = ['--max-sessions', '64', '--max-sessions-per-client', '64'];

/**
 * Starts the server; resolves with {url, origin, pid, stop(), kill()} once it printed its URL. With
 * `jar`, from the jar `mvn package` built (as ./hindsight runs it) instead of the classes; `classes`
 * replaces web-ui's built classes (and the page bundled in them); `jvm` adds JVM options.
 */
/** The DAP messages of one /dap frame: the page batches (a JSON array of messages); [] when it is not JSON. */
export function dapMessages(payload) {
  try {
    const m = JSON.parse(String(payload));
    return Array.isArray(m) ? m : [m];
  } catch {
    return [];
  }
}

export function startServer(args = [], { jar = false, jvm = [], classes = join(target, 'classes') } = {}) {
  if (!existsSync(join(target, 'lib'))) throw new Error('web-ui is not built: run mvn package first');
  const built = jar ? readdirSync(target).find((f) => /^hindsight-web-ui-.*\.jar$/.test(f)) : 'classes';
  if (!built) throw new Error('the web-ui jar is not built: run mvn package first');
  const cp = `${jar ? join(target, built) : classes}:${join(target, 'lib/*')}`;
  // HINDSIGHT_TEST_JVM adds JVM options, e.g. a flight recording while a benchmark runs.
  const child = spawn('java', [...(process.env.HINDSIGHT_TEST_JVM ? process.env.HINDSIGHT_TEST_JVM.split(' ') : []), ...jvm, '-cp', cp, 'dev.hindsight.web.ServeCommand', '--port', '0', ...roomy, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Never outlive the test process, whatever happens to it.
  const reap = () => child.kill('SIGTERM'); // the server's shutdown hook removes its files
  process.once('exit', reap);
  child.once('exit', () => process.off('exit', reap));
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  return new Promise((resolveStart, reject) => {
    let out = '';
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`server did not start within 2 minutes: ${stderr}`)); }, 120_000);
    child.stdout.on('data', (d) => {
      out += d;
      const m = /Hindsight listening at (\S+)/.exec(out);
      if (!m) return;
      clearTimeout(timer);
      const url = m[1];
      resolveStart({
        url, origin: new URL(url).origin, stderr: () => stderr, pid: child.pid,
        stop: () => new Promise((done) => {
          if (child.exitCode != null || child.signalCode != null) { done(); return; }
          child.once('exit', done);
          child.kill('SIGTERM');
          setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
        }),
        /** Dies at once, as a crashed machine would: no shutdown hook closes its sessions. */
        kill: () => new Promise((done) => {
          if (child.exitCode != null || child.signalCode != null) { done(); return; }
          child.once('exit', done);
          child.kill('SIGKILL');
        }),
      });
    });
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`server exited ${code}: ${stderr}`)); });
  });
}

/** Debian's chromium, headless, with a throw-away profile; never a downloaded browser. */
export async function startBrowser() {
  const profile = mkdtempSync(join(tmpdir(), 'hindsight-chromium-'));
  // playwright passes the fresh profile as --user-data-dir itself.
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1280, height: 800 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--disable-dev-shm-usage'], // containers often have a tiny /dev/shm
  });
  const close = context.close.bind(context);
  context.close = async () => { await close(); rmSync(profile, { recursive: true, force: true }); };
  return context;
}

/** A page that records console errors and CSP violations. */
/** A new page at `url`; `prepare(page)` runs before it loads (e.g. to hold back a request). */
export async function openPage(browser, url, viewport = { width: 1280, height: 800 }, prepare = async () => {}) {
  const page = await browser.newPage();
  await prepare(page);
  await page.setViewportSize(viewport);
  page.problems = [];
  page.on('console', (m) => { if (m.type() === 'error') page.problems.push(m.text()); });
  page.on('pageerror', (e) => page.problems.push(String(e)));
  await page.goto(url);
  await page.waitForSelector('.cm-editor');
  return page;
}

/**
 * The set-up a file of page tests shares: one server and one chromium for the whole file, started
 * before its first test and stopped after its last; every test skipped where the DAP engine is not
 * built. `opts` goes to each test (`timeout` in ms); `server` and `browser` are there once the tests
 * run, and `open(viewport, prepare)` is {@link openPage} at the server's address.
 */
export function sharedServerAndBrowser({ timeout = 120_000 } = {}) {
  const skip = engineBuilt() ? false : 'the DAP engine (dap-server) is not built';
  const shared = {
    opts: { skip, timeout },
    server: undefined,
    browser: undefined,
    open: (viewport, prepare) => openPage(shared.browser, shared.server.url, viewport, prepare),
  };
  before(async () => { if (!skip) { shared.server = await startServer(); shared.browser = await startBrowser(); } });
  after(async () => { await shared.browser?.close(); await shared.server?.stop(); });
  return shared;
}
