'use strict';
// Instruction-step round trips per second through DAP, one lean client (dap-lean-client.js: raw
// framing and JSON.parse, nothing else per message) for every adapter: step one instruction, wait
// for the stopped event, then stackTrace, scopes and the Registers scope's variables, as an editor's disassembly view does.
// gdb's `stepi` plus its registers through the MI is the non-DAP peer.
// Usage: node dap-step-rate.js PROGRAM STEPS HINDSIGHT_CMD… -- LLDB_DAP   (see dap-step-rate.sh)
const fs = require('fs');
const { spawn } = require('child_process');
const path = require('path');
const { LeanSession } = require('./dap-lean-client');

// Steps before the timed ones, the same for every peer: a JVM compiles its hot paths during the
// first thousands of requests, and the rate that matters is the one a user stepping for a while
// gets. The warm-up's own rate is printed too, as the cold start.
const WARMUP = Number(process.env.BENCH_WARMUP || 2000);

/** Runs `once` WARMUP times, then `steps` timed times: { cold, rate } in steps per second. */
async function timed(once, steps) {
  const w0 = process.hrtime.bigint();
  for (let k = 0; k < WARMUP; k++) await once();
  const t0 = process.hrtime.bigint();
  for (let k = 0; k < steps; k++) await once();
  const t1 = process.hrtime.bigint();
  return { cold: WARMUP / (Number(t0 - w0) / 1e9), rate: steps / (Number(t1 - t0) / 1e9) };
}

async function dapRate(command, program, steps, env) {
  const s = await LeanSession.stoppedAtMain(command, program, env);
  try {
    // lldb-dap 19 does not support stepping granularity (its stepIn steps a line): its REPL's
    // `thread step-inst` is the instruction step it offers, answered by the same stopped event.
    const granular = s.capabilities.supportsSteppingGranularity === true;
    const step = granular ? undefined : () => s.request('evaluate', { expression: '`thread step-inst', context: 'repl' });
    let registers = 0;
    const once = async () => { registers = await s.roundTrip(step); };
    return { ...(await timed(once, steps)), how: granular ? 'stepIn granularity instruction' : 'REPL `thread step-inst`', registers };
  } finally {
    await s.close();
  }
}

/** The same loop through the test suite's client (DebugClient), against the echo adapter: what the figures cost before the lean client. */
async function debugClientFloor(program, steps) {
  const { Session } = require(path.resolve(__dirname, '../../dap-server/src/test/node/lib/session'));
  const s = Session.open({ after() {} }, ['node', path.join(__dirname, 'dap-echo-adapter.js')]);
  try {
    await s.initialize();
    await s.launch({ program, stopOnEntry: false }, () => s.request('setFunctionBreakpoints', { breakpoints: [{ name: 'main' }] }));
    await s.stopped();
    const once = async () => {
      s.events.length = 0; // handled: the session scans every kept event for the next stop
      await s.request('stepIn', { threadId: s.threadId, granularity: 'instruction' });
      await s.stopped('step');
      const frames = (await s.request('stackTrace', { threadId: s.threadId, startFrame: 0, levels: 1 })).body.stackFrames;
      const scopes = (await s.request('scopes', { frameId: frames[0].id })).body.scopes;
      const regs = scopes.find(x => /^registers$/i.test(x.name));
      await s.request('variables', { variablesReference: regs.variablesReference });
    };
    return { ...(await timed(once, steps)), how: '@vscode/debugadapter-testsupport DebugClient' };
  } finally {
    await s.close();
  }
}

// The registers `info registers` shows (its general group), by the names gdb's MI numbers.
const GENERAL = ['rax', 'rbx', 'rcx', 'rdx', 'rsi', 'rdi', 'rbp', 'rsp', 'r8', 'r9', 'r10', 'r11', 'r12', 'r13', 'r14',
  'r15', 'rip', 'eflags', 'cs', 'ss', 'ds', 'es', 'fs', 'gs', 'fs_base', 'gs_base'];

/** gdb -i=mi3 stopped at main: once() is -exec-step-instruction, wait for *stopped, -data-list-register-values x of the general registers. */
async function openGdb(program) {
  const gdb = spawn('gdb', ['-nx', '-q', '--interpreter=mi3', program], { stdio: ['pipe', 'pipe', 'ignore'] });
  let buffer = '';
  let waiter = null;
  const lines = [];
  gdb.stdout.on('data', d => {
    buffer += d;
    let i;
    while ((i = buffer.indexOf('\n')) >= 0) {
      lines.push(buffer.slice(0, i));
      buffer = buffer.slice(i + 1);
    }
    if (waiter) waiter();
  });
  const until = pred => new Promise((resolve, reject) => {
    const check = () => {
      while (lines.length) {
        const l = lines.shift();
        if (l.startsWith('^error')) { waiter = null; return reject(new Error(l)); }
        if (pred(l)) { waiter = null; return resolve(l); }
      }
    };
    waiter = check;
    check();
  });
  const cmd = (c, pred) => { gdb.stdin.write(c + '\n'); return until(pred); };
  {
    await cmd('-gdb-set startup-with-shell off', l => l.startsWith('^done'));
    await cmd('-break-insert main', l => l.startsWith('^done'));
    await cmd('-exec-run', l => l.startsWith('*stopped'));
    const names = JSON.parse((await cmd('-data-list-register-names', l => l.startsWith('^done,register-names')))
      .replace(/^\^done,register-names=/, ''));
    const numbers = GENERAL.map(n => names.indexOf(n)).filter(i => i >= 0);
    const once = async () => {
      await cmd('-exec-step-instruction', l => l.startsWith('*stopped'));
      await cmd(`-data-list-register-values x ${numbers.join(' ')}`, l => l.startsWith('^done,register-values'));
    };
    return { once, registers: numbers.length, close: () => gdb.kill('SIGKILL') };
  }
}

async function gdbRate(program, steps) {
  const gdb = await openGdb(program);
  try {
    return { ...(await timed(gdb.once, steps)), how: 'MI -exec-step-instruction + -data-list-register-values', registers: gdb.registers };
  } finally {
    gdb.close();
  }
}

/** Waits until the adapter service under XDG_RUNTIME_DIR (of `env`) listens (a minute at most). */
async function serviceListening(env = process.env) {
  const dir = path.join(env.XDG_RUNTIME_DIR || '', 'hindsight');
  for (let i = 0; i < 600; i++) {
    if (fs.existsSync(dir) && fs.readdirSync(dir).some(n => n.endsWith('.sock'))) return;
    await new Promise(r => setTimeout(r, 100));
  }
  throw new Error(`no adapter service listening in ${dir}`);
}

/**
 * Waits until the service's JIT warm-up has ended (its log line; three minutes at most): a user's
 * editor starts a second session long after the first started the service, and the fresh
 * session's cold rate is meant to show what the warm-up leaves it.
 * Returns the log line, or null without a warm-up (HINDSIGHT_DAP_SERVICE_WARMUP=off).
 */
async function serviceWarmedUp() {
  if (process.env.HINDSIGHT_DAP_SERVICE_WARMUP === 'off') return null;
  const dir = path.join(process.env.XDG_RUNTIME_DIR || '', 'hindsight');
  for (let i = 0; i < 1800; i++) {
    for (const n of fs.readdirSync(dir).filter(f => f.endsWith('.log'))) {
      const line = fs.readFileSync(path.join(dir, n), 'utf8').split('\n').find(l => / warm-up/.test(l));
      if (line) return line.replace(/^\S+ /, '');
    }
    await new Promise(r => setTimeout(r, 100));
  }
  throw new Error(`no warm-up line in the service's log in ${dir}`);
}

async function main() {
  const [program, stepsArg, ...rest] = process.argv.slice(2);
  const steps = Number(stepsArg);
  const sep = rest.indexOf('--');
  const hindsight = rest.slice(0, sep), lldb = rest.slice(sep + 1);
  const ours = await dapRate(hindsight, program, steps);
  // Through the launcher (BENCH_LAUNCHER): its first start runs in its own JVM and starts the
  // adapter service; the next session is the service's first; the one after finds it warm.
  const launcher = process.env.BENCH_LAUNCHER;
  let fresh, warm, warmUp, unwarmed;
  if (launcher) {
    await dapRate([launcher, 'dap'], program, 1);
    await serviceListening();
    warmUp = await serviceWarmedUp();
    fresh = await dapRate([launcher, 'dap'], program, steps);
    warm = await dapRate([launcher, 'dap'], program, steps);
    // The same on a service of its own without the warm-up (BENCH_RUNTIME_NO_WARMUP: another
    // runtime directory, so another service), as every service was before it.
    if (process.env.BENCH_RUNTIME_NO_WARMUP) {
      const env = { ...process.env, XDG_RUNTIME_DIR: process.env.BENCH_RUNTIME_NO_WARMUP, HINDSIGHT_DAP_SERVICE_WARMUP: 'off' };
      await dapRate([launcher, 'dap'], program, 1, env);
      await serviceListening(env);
      unwarmed = await dapRate([launcher, 'dap'], program, steps, env);
    }
  }
  // The client's floor: the same loop against an adapter that answers at once (dap-echo-adapter.js).
  const echo = await dapRate(['node', path.join(__dirname, 'dap-echo-adapter.js')], program, steps);
  const oldFloor = await debugClientFloor(program, steps);
  const lldbRate = process.env.BENCH_NO_LLDB ? null : await dapRate(lldb, program, steps);
  const gdbRes = await gdbRate(program, steps);
  const inProcess = Number(process.env.INPROCESS_RATE || 0);
  const row = (name, r) => console.log(`  ${name.padEnd(28)} ${r.rate.toFixed(0).padStart(7)}/s ${r.cold.toFixed(0).padStart(7)}/s   (${r.how}${r.registers ? `, ${r.registers} registers` : ''})`);
  console.log(`instruction steps per second through a DAP round trip (step, stopped, stackTrace, scopes, Registers):`);
  console.log(`  ${''.padEnd(28)} ${'timed'.padStart(9)} ${'cold'.padStart(9)}   (timed: ${steps} steps after ${WARMUP} untimed ones; cold: those first ${WARMUP})`);
  row('hindsight dap, own JVM', ours);
  if (fresh) row('  service, 1st session', fresh);
  if (warm) row('  service, 2nd session', warm);
  if (unwarmed) row('  no warm-up, 1st session', unwarmed);
  row('client floor (echo adapter)', echo);
  row('  DebugClient floor (before)', oldFloor);
  if (lldbRate) row(path.basename(lldb[0]), lldbRate);
  row('gdb stepi via MI', gdbRes);
  if (inProcess) console.log(`  ${'engine in process'.padEnd(28)} ${inProcess.toFixed(0).padStart(7)}/s   (DapInProcessStepRate full: the same four requests, no transport)`);
  const bare = Number(process.env.INPROCESS_BARE_RATE || 0);
  if (bare) console.log(`  ${'  bare, stepIn -> stopped'.padEnd(28)} ${bare.toFixed(0).padStart(7)}/s   (the reference before the full mode: not like with like)`);
  const lldbRatio = lldbRate ? `hindsight/${path.basename(lldb[0])} = ${(ours.rate / lldbRate.rate).toFixed(2)}x, ` : '';
  console.log(`ratios: ${lldbRatio}hindsight/gdb = ${(ours.rate / gdbRes.rate).toFixed(2)}x` +
    (inProcess ? `, hindsight/in process = ${(ours.rate / inProcess).toFixed(2)}` : '') +
    `, hindsight/client floor = ${(ours.rate / echo.rate).toFixed(2)}; cold: ` +
    (lldbRate ? `${(ours.cold / lldbRate.cold).toFixed(2)}x lldb, ` : '') + `${(ours.cold / gdbRes.cold).toFixed(2)}x gdb`);
  if (warm) {
    if (warmUp) console.log(`the service's ${warmUp}, before its 1st session`);
    console.log(`with the adapter service: hindsight/gdb = ${(fresh.rate / gdbRes.rate).toFixed(2)}x timed, ${(fresh.cold / gdbRes.cold).toFixed(2)}x cold in its 1st session; ` +
      `${(warm.rate / gdbRes.rate).toFixed(2)}x timed, ${(warm.cold / gdbRes.cold).toFixed(2)}x cold in its 2nd` +
      (unwarmed ? `; a service without the warm-up: ${(unwarmed.cold / gdbRes.cold).toFixed(2)}x cold in its 1st` : ''));
  }
  console.log(`load average at the end: ${fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`);
}

module.exports = { openGdb };
if (require.main === module) main().catch(e => { console.error(e.stack || e); process.exit(1); });
