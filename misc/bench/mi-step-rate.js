'use strict';
// GDB/MI through one client for both debuggers: the time from starting the process to its first
// `(gdb)` prompt (what a front end waits for on every launch), and instruction-step round trips
// per second: -exec-step-instruction, wait for *stopped, -data-list-register-values x of the
// general registers (what a front end's disassembly and register views ask after each stepi).
// Usage: node mi-step-rate.js PROGRAM STEPS STARTS HINDSIGHT_GDB   (see mi-step-rate.sh)
const { spawn } = require('child_process');

// Steps before the timed ones, the same for both: the JVM compiles its hot paths meanwhile. Their
// rate is printed as the cold one.
const WARMUP = Number(process.env.BENCH_WARMUP || 2000);

// The registers `info registers` shows (its general group), by the names gdb's MI numbers.
const GENERAL = ['rax', 'rbx', 'rcx', 'rdx', 'rsi', 'rdi', 'rbp', 'rsp', 'r8', 'r9', 'r10', 'r11', 'r12', 'r13', 'r14',
  'r15', 'rip', 'eflags', 'cs', 'ss', 'ds', 'es', 'fs', 'gs', 'fs_base', 'gs_base'];

/** A debugger on MI: `until(pred)` resolves with the first line pred accepts; `^error` rejects. */
function open(command, program) {
  const t0 = process.hrtime.bigint();
  const p = spawn(command, ['-nx', '-q', '--interpreter=mi3', program], { stdio: ['pipe', 'pipe', 'ignore'] });
  let buffer = '';
  let waiter = null;
  const lines = [];
  p.stdout.on('data', d => {
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
  const cmd = (c, pred) => { p.stdin.write(c + '\n'); return until(pred); };
  const end = () => new Promise(resolve => {
    p.on('exit', resolve);
    p.stdin.end('-gdb-exit\n');
    setTimeout(() => p.kill('SIGKILL'), 10000).unref();
  });
  return { t0, until, cmd, end };
}

/** Median, min and max of seconds. */
function spread(times) {
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)], min: times[0], max: times[times.length - 1] };
}

/**
 * For `starts` fresh processes: seconds from spawn to the first `(gdb)` prompt, and on to the
 * first stop at main (-break-insert main, -exec-run: the program's symbols read, the program
 * started), what a user waits for before seeing anything.
 */
async function startUp(command, program, starts) {
  const prompt = [], stop = [];
  for (let k = 0; k < starts; k++) {
    const d = open(command, program);
    await d.until(l => l.startsWith('(gdb)'));
    prompt.push(Number(process.hrtime.bigint() - d.t0) / 1e9);
    await d.cmd('-gdb-set startup-with-shell off', l => l.startsWith('^done'));
    await d.cmd('-break-insert main', l => l.startsWith('^done'));
    await d.cmd('-exec-run', l => l.startsWith('*stopped'));
    stop.push(Number(process.hrtime.bigint() - d.t0) / 1e9);
    await d.end();
  }
  return { prompt: spread(prompt), stop: spread(stop) };
}

async function stepRate(command, program, steps) {
  const d = open(command, program);
  try {
    await d.until(l => l.startsWith('(gdb)'));
    await d.cmd('-gdb-set startup-with-shell off', l => l.startsWith('^done'));
    await d.cmd('-break-insert main', l => l.startsWith('^done'));
    await d.cmd('-exec-run', l => l.startsWith('*stopped'));
    const names = JSON.parse((await d.cmd('-data-list-register-names', l => l.startsWith('^done,register-names')))
      .replace(/^\^done,register-names=/, ''));
    const numbers = GENERAL.map(n => names.indexOf(n)).filter(i => i >= 0);
    const once = async () => {
      await d.cmd('-exec-step-instruction', l => l.startsWith('*stopped'));
      await d.cmd(`-data-list-register-values x ${numbers.join(' ')}`, l => l.startsWith('^done,register-values'));
    };
    const w0 = process.hrtime.bigint();
    for (let k = 0; k < WARMUP; k++) await once();
    const s0 = process.hrtime.bigint();
    for (let k = 0; k < steps; k++) await once();
    const s1 = process.hrtime.bigint();
    return { cold: WARMUP / (Number(s0 - w0) / 1e9), rate: steps / (Number(s1 - s0) / 1e9), registers: numbers.length };
  } finally {
    await d.end();
  }
}

async function main() {
  const [program, stepsArg, startsArg, hindsight] = process.argv.slice(2);
  const steps = Number(stepsArg), starts = Number(startsArg);
  const peers = [['hindsight-gdb', hindsight], ['gdb', 'gdb']];
  const start = {}, rate = {};
  // One after the other, so a drift of the machine's speed touches both alike.
  for (const [name, command] of peers) start[name] = await startUp(command, program, starts);
  for (const [name, command] of peers) rate[name] = await stepRate(command, program, steps);
  const ms = p => `${(p.median * 1000).toFixed(0).padStart(6)} ms (${(p.min * 1000).toFixed(0)}-${(p.max * 1000).toFixed(0)})`;
  console.log(`time from process start, median of ${starts} starts (min-max):`);
  console.log(`  ${''.padEnd(16)} ${'first (gdb) prompt'.padEnd(20)} stopped at main (-break-insert main, -exec-run)`);
  for (const [name] of peers) console.log(`  ${name.padEnd(16)} ${ms(start[name].prompt).padEnd(20)} ${ms(start[name].stop)}`);
  console.log(`-exec-step-instruction + -data-list-register-values x (${rate.gdb.registers} registers) round trips per second:`);
  console.log(`  ${''.padEnd(16)} ${'timed'.padStart(9)} ${'cold'.padStart(9)}   (timed: ${steps} steps after ${WARMUP} untimed ones; cold: those first ${WARMUP})`);
  for (const [name] of peers) {
    console.log(`  ${name.padEnd(16)} ${rate[name].rate.toFixed(0).padStart(7)}/s ${rate[name].cold.toFixed(0).padStart(7)}/s`);
  }
  const h = 'hindsight-gdb';
  console.log(`ratios hindsight/gdb: first prompt ${(start[h].prompt.median / start.gdb.prompt.median).toFixed(2)}x the time, ` +
    `first stop ${(start[h].stop.median / start.gdb.stop.median).toFixed(2)}x, ` +
    `steps ${(rate[h].rate / rate.gdb.rate).toFixed(2)}x the rate (cold ${(rate[h].cold / rate.gdb.cold).toFixed(2)}x)`);
}

// first-stop.js reuses the MI client and the start-up measurement.
if (require.main === module) main().catch(e => { console.error(e.stack || e); process.exit(1); });
module.exports = { open, startUp, spread };
