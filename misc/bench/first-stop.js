'use strict';
// From starting a debugger to its first stop at main, what a user waits for on every launch, in
// the same run for: Hindsight's DAP adapter as editors start it (`hindsight dap`: initialize,
// launch of the C source with stopOnEntry, configurationDone after `initialized`, the `stopped`
// event; the adapter compiles the source itself), bare `clang -g -O0` of that source plus gdb's
// own start to main on the binary (the peer of a DAP launch of a source), and Hindsight's MI
// (`hindsight-gdb`) and gdb each started on the binary (first `(gdb)` prompt, then
// -break-insert main, -exec-run, `*stopped`). Rounds alternate the peers, so a drift of the
// machine's speed touches them alike. `hindsight dap` is timed twice: served by the warm adapter
// service (started by first-stop.sh before timing), and in its own JVM (HINDSIGHT_DAP_SERVICE=off,
// as every start was before the service, and as a first start still is).
// Usage: node first-stop.js SOURCE PROGRAM STARTS HINDSIGHT HINDSIGHT_GDB   (see first-stop.sh)
const { spawn } = require('child_process');
const { startUp, spread } = require('./mi-step-rate');

const now = () => process.hrtime.bigint();
const seconds = (from, to) => Number(to - from) / 1e9;

/** Runs a command to its end; its wall time in seconds. */
function timed(command, args) {
  const t0 = now();
  return new Promise((resolve, reject) => {
    const p = spawn(command, args, { stdio: 'ignore' });
    p.on('error', reject);
    p.on('exit', code => (code === 0 ? resolve(seconds(t0, now())) : reject(new Error(`${command} exited with ${code}`))));
  });
}

/** A DAP client over an adapter's stdio: messages by Content-Length framing. */
function dap(command, args, env) {
  const t0 = now();
  const p = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'], env });
  let stderr = '';
  p.stderr.on('data', d => { stderr += d; });
  let buffer = Buffer.alloc(0);
  const waiting = [];
  const seen = [];
  p.stdout.on('data', d => {
    buffer = Buffer.concat([buffer, d]);
    for (;;) {
      const end = buffer.indexOf('\r\n\r\n');
      if (end < 0) return;
      const length = Number(/Content-Length: *(\d+)/i.exec(buffer.slice(0, end).toString())[1]);
      if (buffer.length < end + 4 + length) return;
      const m = JSON.parse(buffer.slice(end + 4, end + 4 + length).toString());
      buffer = buffer.slice(end + 4 + length);
      seen.push(m);
      for (const w of [...waiting]) w();
    }
  });
  let seq = 0;
  const until = pred => new Promise((resolve, reject) => {
    const check = () => {
      const i = seen.findIndex(pred);
      if (i < 0) return;
      waiting.splice(waiting.indexOf(check), 1);
      const [m] = seen.splice(i, 1);
      if (m.type === 'response' && !m.success) reject(new Error(`${m.command}: ${m.message}\n${stderr}`));
      else resolve(m);
    };
    waiting.push(check);
    check();
  });
  const send = (command, args) => {
    const body = JSON.stringify({ seq: ++seq, type: 'request', command, arguments: args });
    p.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    const mine = seq;
    return until(m => m.type === 'response' && m.request_seq === mine);
  };
  const event = name => until(m => m.type === 'event' && m.event === name);
  const end = () => new Promise(resolve => {
    p.on('exit', resolve);
    send('disconnect', { terminateDebuggee: true }).catch(() => {});
    setTimeout(() => p.kill('SIGKILL'), 10000).unref();
  });
  return { t0, send, event, end };
}

/** Seconds from spawning the adapter to `initialize` answered and to the first stop at main. */
async function dapFirstStop(command, source, env = process.env) {
  const d = dap(command[0], command.slice(1), env);
  await d.send('initialize', { clientID: 'first-stop-bench', adapterID: 'hindsight', linesStartAt1: true,
    columnsStartAt1: true, pathFormat: 'path' });
  const initialized = now();
  // As VS Code does: launch at once, configurationDone once the adapter says it is initialized.
  const launched = d.send('launch', { program: source, stopOnEntry: true });
  await d.event('initialized');
  await d.send('configurationDone', {});
  await launched;
  const stopped = await d.event('stopped');
  const t = now();
  await d.end();
  if (stopped.body.reason !== 'entry') throw new Error(`stopped for ${stopped.body.reason}`);
  return { initialize: seconds(d.t0, initialized), stop: seconds(d.t0, t) };
}

async function main() {
  const [source, program, startsArg, hindsight, hindsightGdb] = process.argv.slice(2);
  const starts = Number(startsArg);
  const r = { clang: [], gdb: [], gdbPrompt: [], mi: [], miPrompt: [], dap: [], dapInit: [], cold: [], coldInit: [], peer: [] };
  for (let k = 0; k < starts; k++) {
    const c = await timed('clang', ['-g', '-O0', '-o', `${program}.again`, source]);
    const g = await startUp('gdb', program, 1);
    const m = await startUp(hindsightGdb, program, 1);
    const h = await dapFirstStop([hindsight, 'dap'], source);
    const o = await dapFirstStop([hindsight, 'dap'], source, { ...process.env, HINDSIGHT_DAP_SERVICE: 'off' });
    r.clang.push(c);
    r.gdb.push(g.stop.median);
    r.gdbPrompt.push(g.prompt.median);
    r.peer.push(c + g.stop.median);
    r.mi.push(m.stop.median);
    r.miPrompt.push(m.prompt.median);
    r.dap.push(h.stop);
    r.dapInit.push(h.initialize);
    r.cold.push(o.stop);
    r.coldInit.push(o.initialize);
  }
  const s = Object.fromEntries(Object.entries(r).map(([k, v]) => [k, spread(v)]));
  const ms = p => `${(p.median * 1000).toFixed(0).padStart(5)} ms (${(p.min * 1000).toFixed(0)}-${(p.max * 1000).toFixed(0)})`;
  const row = (name, first, stop) => console.log(`  ${name.padEnd(40)} ${first.padEnd(22)} ${stop}`);
  console.log(`from process start, median of ${starts} alternating rounds (min-max):`);
  row('', 'first answer', 'stopped at main');
  row('hindsight dap, warm service, of the .c', `${ms(s.dapInit)} init`, ms(s.dap));
  row('hindsight dap, own JVM (service off)', `${ms(s.coldInit)} init`, ms(s.cold));
  row('clang -g -O0 + gdb to main (the peer)', '', `${ms(s.peer)}  (clang ${ms(s.clang).trim()})`);
  row('hindsight gdb (MI) on the binary', `${ms(s.miPrompt)} (gdb)`, ms(s.mi));
  row('gdb (MI) on the binary', `${ms(s.gdbPrompt)} (gdb)`, ms(s.gdb));
  const x = (a, b) => `${(a.median / b.median).toFixed(2)}x`;
  console.log(`ratios (time, lower is better): DAP first stop ${x(s.dap, s.peer)} clang + gdb with the warm service, ` +
    `${x(s.cold, s.peer)} in its own JVM; ` +
    `MI first prompt ${x(s.miPrompt, s.gdbPrompt)} gdb, MI first stop ${x(s.mi, s.gdb)} gdb`);
}

main().catch(e => { console.error(e.stack || e); process.exit(1); });
