// Load on one `hindsight serve` (confined, as it runs by default): N sessions at once, each
// opening the /dap WebSocket, compiling a program and stepping STEPS instructions, then ending.
// Prints how many succeeded, sessions per second, and the server's memory and threads at its
// peak, per session. Loopback only, bounded in count and time. Not a test: quote one run.
// Usage: node misc/bench/web-load.mjs [SESSIONS=100] [STEPS=200]
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../../web-ui/src/test/browser/harness.mjs';
import { launchStopped } from './dap-ws-client.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const WebSocket = createRequire(join(here, '../../web-ui/package.json'))('ws');
const sessions = Number(process.argv[2] ?? 100);
const steps = Number(process.argv[3] ?? 200);
const source = readFileSync(join(here, 'spin.c'), 'utf8');
const DEADLINE_MS = 20 * 60_000;

function status(pid) {
  const s = readFileSync(`/proc/${pid}/status`, 'utf8');
  return { rssKiB: Number(/VmRSS:\s+(\d+)/.exec(s)[1]), threads: Number(/Threads:\s+(\d+)/.exec(s)[1]) };
}

async function oneSession(server) {
  const { ws, dap, threadId } = await launchStopped(WebSocket, server, 'spin.c', source);
  try {
    for (let i = 0; i < steps; i++) {
      const next = dap.event('stopped');
      await dap.request('stepIn', { threadId, granularity: 'instruction' });
      await next;
    }
    await dap.request('disconnect', { terminateDebuggee: true });
  } finally {
    ws.close();
  }
}

const server = await startServer(['--max-sessions', String(sessions), '--max-sessions-per-client', String(sessions)]);
let peak = status(server.pid);
const idle = peak;
const sampler = setInterval(() => {
  const s = status(server.pid);
  if (s.rssKiB > peak.rssKiB) peak = { ...peak, rssKiB: s.rssKiB };
  if (s.threads > peak.threads) peak = { ...peak, threads: s.threads };
}, 50);
const timeout = setTimeout(() => { console.error('load bench: deadline passed'); process.exit(3); }, DEADLINE_MS);
const start = process.hrtime.bigint();
const results = await Promise.allSettled(Array.from({ length: sessions }, () => oneSession(server)));
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
clearInterval(sampler);
clearTimeout(timeout);
await server.stop();
const failed = results.filter((r) => r.status === 'rejected');
console.log(`sessions: ${sessions - failed.length} of ${sessions} succeeded, each compiling and stepping ${steps} instructions`);
for (const f of failed.slice(0, 5)) console.log(`  failed: ${f.reason?.message ?? f.reason}`);
console.log(`time: ${seconds.toFixed(1)} s, ${(sessions / seconds).toFixed(2)} sessions/s`);
console.log(`server memory: ${(idle.rssKiB / 1024).toFixed(0)} MiB idle, ${(peak.rssKiB / 1024).toFixed(0)} MiB at peak,`
  + ` ${((peak.rssKiB - idle.rssKiB) / 1024 / sessions).toFixed(1)} MiB per session`);
console.log(`server threads: ${idle.threads} idle, ${peak.threads} at peak, ${((peak.threads - idle.threads) / sessions).toFixed(1)} per session`);
process.exit(failed.length ? 1 : 0);
