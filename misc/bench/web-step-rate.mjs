// Instruction steps per second through `hindsight serve`'s /dap WebSocket, from a node client and
// from inside Chromium's page: a bare round trip (stepIn → stopped event); as the page does it
// (stepIn with the custom stopState: stack, scopes, their variables and the stack's bytes in the
// same answer); and with standard requests only (stepIn → stopped → stackTrace → scopes →
// Registers variables, as an editor's disassembly view). The ratio is against the 64 steps/s we
// measured for penguinTrace's web stepper. Not a test: quote one run.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openPage, startBrowser, startServer } from '../../web-ui/src/test/browser/harness.mjs';
import { launchStopped } from './dap-ws-client.mjs';
import { evaluateInPlainChromium } from './plain-chromium.mjs';

const WebSocket = createRequire(join(dirname(fileURLToPath(import.meta.url)), '../../web-ui/package.json'))('ws');
const PEER_STEPS_PER_SECOND = 64;
// Untimed-for-the-result steps first: the server's JIT compiles its hot paths during the first
// thousands of requests. Their own rate is printed as the cold start.
const WARMUP = Number(process.env.BENCH_WARMUP || 2000);
const steps = Number(process.argv[2] ?? 2000);
const source = readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'spin.c'), 'utf8');

const server = await startServer();
try {
  const { ws, dap, threadId } = await launchStopped(WebSocket, server, 'spin.c', source);

  const bareStep = async () => {
    const next = dap.event('stopped');
    await dap.request('stepIn', { threadId, granularity: 'instruction' });
    await next;
  };
  const cold = await measure(WARMUP, bareStep, 0);
  const floor = await measure(steps, () => dap.request('threads'));
  const bare = await measure(steps, bareStep);
  // The page: the step and the custom stopState (stack, scopes, their variables, the stack's
  // bytes) sent together, answered together at the stop.
  const pageLike = await measure(steps, async () => {
    const next = dap.event('stopped');
    const stepped = dap.request('stepIn', { threadId, granularity: 'instruction' });
    const state = await dap.request('stopState', { levels: 64, memory: { register: 'rsp', offset: -32, count: 160 } });
    await Promise.all([stepped, next]);
    if (!state.memory?.data || !state.variables[state.scopes.find((s) => s.name === 'Registers').variablesReference]) {
      throw new Error('stopState without registers or memory');
    }
  }, WARMUP / 2); // these requests' own paths warm up too before they are timed
  // An editor's disassembly view, with standard requests only: one round trip after another.
  const standard = await measure(Math.max(1, steps / 4), async () => {
    const next = dap.event('stopped');
    await dap.request('stepIn', { threadId, granularity: 'instruction' });
    await next;
    const { stackFrames } = await dap.request('stackTrace', { threadId, levels: 64 });
    const { scopes } = await dap.request('scopes', { frameId: stackFrames[0].id });
    await dap.request('variables', { variablesReference: scopes.find((s) => s.name === 'Registers').variablesReference });
  }, WARMUP / 2);
  await dap.request('disconnect', { terminateDebuggee: true });
  ws.close();
  const inBrowser = await measureInBrowser(server.url, source, steps);
  // The page before it batched: one message per frame both ways (the rows above as they were).
  const unbatched = await measureInBrowser(server.url, source, steps, { batch: false });
  const instrumented = await measureInBrowser(server.url, source, steps, { instrumented: true });

  console.log(`instruction steps per second over the /dap WebSocket (${steps} timed steps after ${WARMUP} untimed ones):`);
  console.log(`  node client, the first ${String(WARMUP).padEnd(5)} steps (cold server)  ${cold.toFixed(0).padStart(8)}`);
  console.log(`  node client, a request answered at once (threads) ${floor.toFixed(0).padStart(6)}`);
  console.log(`  node client, bare round trip (stepIn -> stopped) ${bare.toFixed(0).padStart(8)}`);
  console.log(`  node client, as the page does (step + stopState)  ${pageLike.toFixed(0).padStart(8)}`);
  console.log(`  node client, standard requests (stackTrace, scopes, registers) ${standard.toFixed(0).padStart(2)}`);
  console.log(`  Chromium page, with the page's frames (a step and its stopState in one, the answers in one):`);
  console.log(`  Chromium page, a request answered at once (threads) ${inBrowser.floor.toFixed(0).padStart(4)}`);
  console.log(`  Chromium page, bare round trip                   ${inBrowser.bare.toFixed(0).padStart(8)}`);
  console.log(`  Chromium page, as the page does                  ${inBrowser.pageLike.toFixed(0).padStart(8)}`);
  console.log(`  Chromium page, standard requests                 ${inBrowser.standard.toFixed(0).padStart(8)}`);
  console.log(`  Chromium page, one message per frame (as before ?batch=1): bare ${unbatched.bare.toFixed(0)}, as the page does ${unbatched.pageLike.toFixed(0)}, answered at once ${unbatched.floor.toFixed(0)}`);
  console.log(`  the same page driven by playwright (CDP's Network domain on: every frame copied to the driver):`);
  console.log(`    request answered at once ${instrumented.floor.toFixed(0).padStart(6)}, bare ${instrumented.bare.toFixed(0).padStart(6)}, as the page does ${instrumented.pageLike.toFixed(0).padStart(6)}, standard ${instrumented.standard.toFixed(0).padStart(6)}`);
  console.log(`  penguinTrace's web stepper (measured earlier)     ${String(PEER_STEPS_PER_SECOND).padStart(8)}`);
  const inProcess = Number(process.env.INPROCESS_RATE);
  if (inProcess > 0) {
    console.log(`  the same engine in process (no WebSocket)         ${String(inProcess).padStart(8)}`);
    console.log(`the WebSocket path keeps ${(100 * bare / inProcess).toFixed(0)}% of the in-process rate`);
  }
  console.log(`ratios: bare/penguinTrace = ${(bare / PEER_STEPS_PER_SECOND).toFixed(1)}x, `
    + `browser/penguinTrace = ${(inBrowser.bare / PEER_STEPS_PER_SECOND).toFixed(1)}x, `
    + `browser page-like/penguinTrace = ${(inBrowser.pageLike / PEER_STEPS_PER_SECOND).toFixed(1)}x, `
    + `page-like/penguinTrace = ${(pageLike / PEER_STEPS_PER_SECOND).toFixed(1)}x (target: 1000 steps/s from the browser)`);
} finally {
  await server.stop();
}

/**
 * The same bare round trip driven by the page's own JavaScript in Debian's Chromium: the browser's
 * WebSocket, JSON and event loop, as a learner's page pays them.
 */
async function measureInBrowser(url, text, n, { instrumented = false, batch = true } = {}) {
  if (!instrumented) return evaluateInPlainChromium(WebSocket, url, steppingInThePage, { text, n, batch, warmup: WARMUP });
  const browser = await startBrowser();
  try {
    const page = await openPage(browser, url);
    return await page.evaluate(steppingInThePage, { text, n, batch: true, warmup: WARMUP });
  } finally {
    await browser.close();
  }
}

/**
 * Runs in the page: the loops over the page's own WebSocket; resolves with their rates. With
 * `batch`, as the page's DapClient (dap.js) does it: `?batch=1`, the requests of one task in one
 * frame, the answers of one flush in one.
 */
async function steppingInThePage({ text, n, batch, warmup }) {
      const ws = new WebSocket(`${location.origin.replace(/^http/, 'ws')}/dap${batch ? '?batch=1' : ''}`);
      let seq = 1;
      const pending = new Map(), waiting = new Map();
      const dispatch = (m) => {
        if (m.type === 'response') { pending.get(m.request_seq)?.(m); pending.delete(m.request_seq); }
        else if (m.type === 'event') waiting.get(m.event)?.shift()?.(m.body ?? {});
      };
      ws.onmessage = (e) => {
        const m = JSON.parse(e.data);
        if (Array.isArray(m)) m.forEach(dispatch); else dispatch(m);
      };
      let outbox = [];
      const send = (message) => {
        if (!batch) { ws.send(JSON.stringify(message)); return; }
        if (outbox.length === 0) {
          queueMicrotask(() => {
            const out = outbox;
            outbox = [];
            ws.send(JSON.stringify(out.length === 1 ? out[0] : out));
          });
        }
        outbox.push(message);
      };
      const request = (command, args = {}) => new Promise((resolve) => {
        const s = seq++;
        pending.set(s, resolve);
        send({ seq: s, type: 'request', command, arguments: args });
      });
      const event = (name) => new Promise((resolve) => {
        if (!waiting.has(name)) waiting.set(name, []);
        waiting.get(name).push(resolve);
      });
      await new Promise((resolve, reject) => { ws.onopen = resolve; ws.onerror = reject; });
      const initialized = event('initialized');
      await request('initialize', { adapterID: 'hindsight', linesStartAt1: true, columnsStartAt1: true });
      const stopped = event('stopped');
      const launched = request('launch', { sources: [{ name: 'spin.c', text }], stopOnEntry: true });
      await initialized;
      await request('configurationDone');
      const answer = await launched;
      if (!answer.success) throw new Error(`launch: ${answer.message}`);
      const { threadId } = await stopped;
      const once = async () => {
        const next = event('stopped');
        await request('stepIn', { threadId, granularity: 'instruction' });
        await next;
      };
      const pageLike = async () => {
        const next = event('stopped');
        const stepped = request('stepIn', { threadId, granularity: 'instruction' });
        const { body: state } = await request('stopState', { levels: 64, memory: { register: 'rsp', offset: -32, count: 160 } });
        await Promise.all([stepped, next]);
        if (!state.memory?.data) throw new Error('stopState without memory');
      };
      const standard = async () => {
        await once();
        const { body: { stackFrames } } = await request('stackTrace', { threadId, levels: 64 });
        const { body: { scopes } } = await request('scopes', { frameId: stackFrames[0].id });
        await request('variables', { variablesReference: scopes.find((s) => s.name === 'Registers').variablesReference });
      };
      // The page's own JIT, and for the page-like steps the server's: C2 still compiles their
      // paths thousands of steps in (0.3-1.5 ms of CPU per step), which a single run measures.
      const rate = async (op, count, warm = 200) => {
        for (let i = 0; i < warm; i++) await op();
        const start = performance.now();
        for (let i = 0; i < count; i++) await op();
        return count / ((performance.now() - start) / 1000);
      };
      const answeredAtOnce = async () => { await request('threads'); };
      const result = { floor: await rate(answeredAtOnce, n), bare: await rate(once, n), pageLike: await rate(pageLike, n, warmup), standard: await rate(standard, Math.max(1, n / 4)) };
      await request('disconnect', { terminateDebuggee: true });
      ws.close();
      return result;
}

async function measure(n, once, warmup = 200) {
  for (let i = 0; i < warmup; i++) await once();
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) await once();
  return n / (Number(process.hrtime.bigint() - start) / 1e9);
}
