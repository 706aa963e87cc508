'use strict';
// Two builds of an adapter (and the client's floor) compared on a loaded machine: the same
// instruction-step round trip as dap-step-rate.js (step, stopped, stackTrace, scopes, Registers
// variables) and gdb's MI stepi + registers, all sessions open at once and timed in alternating rounds, so that load changes
// hit every peer alike. Prints each peer's rate over all rounds and the median per-round ratio.
// Usage: node dap-step-ab.js PROGRAM ROUNDS STEPS_PER_ROUND 'BEFORE CMD' 'AFTER CMD'
//        (run by dap-step-ab.sh; BENCH_WARMUP untimed steps per peer first, default 2000)
const fs = require('fs');
const path = require('path');
const { LeanSession } = require('./dap-lean-client'); // the same lean client for every DAP peer
const { openGdb } = require('./dap-step-rate');

const WARMUP = Number(process.env.BENCH_WARMUP || 2000);

async function open(command, program) {
  const s = await LeanSession.stoppedAtMain(command, program);
  return { s, once: () => s.roundTrip(), seconds: 0, steps: 0, cpu: 0, jit: 0, pid: s.proc.pid };
}

/**
 * CPU seconds (user + system) the adapter process has used: [all threads, the JIT compiler
 * threads alone]. On a VM loaded by others, the wall-clock rate swings with the load; the CPU an
 * adapter spends per round trip much less, once the JIT's (which depends on how far its queue has
 * got) is set apart.
 */
function cpuSeconds(pid) {
  let all = 0, jit = 0;
  for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
    let stat;
    try { stat = fs.readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8'); } catch (e) { continue; } // the thread ended
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const t = (Number(f[11]) + Number(f[12])) / CLOCK_TICKS;
    all += t;
    if (/Compiler/.test(stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')))) jit += t;
  }
  return [all, jit];
}
const CLOCK_TICKS = Number(require('child_process').execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }));

async function main() {
  const [program, rounds, perRound, before, after] = process.argv.slice(2);
  const words = c => c.split(/\s+/).filter(Boolean);
  const peers = {
    before: await open(words(before), program),
    after: await open(words(after), program),
    'client floor': await open(['node', path.join(__dirname, 'dap-echo-adapter.js')], program),
    'gdb MI': { ...(await openGdb(program)), seconds: 0, steps: 0 }, // stepi + its general registers
  };
  try {
    for (const p of Object.values(peers)) for (let k = 0; k < WARMUP; k++) await p.once();
    const ratios = [], gdbRatios = [];
    for (let r = 0; r < Number(rounds); r++) {
      const rate = {};
      for (const [name, p] of Object.entries(peers)) {
        const c0 = p.pid ? cpuSeconds(p.pid) : null;
        const t0 = process.hrtime.bigint();
        for (let k = 0; k < Number(perRound); k++) await p.once();
        const s = Number(process.hrtime.bigint() - t0) / 1e9;
        if (p.pid) {
          const c1 = cpuSeconds(p.pid);
          p.cpu += c1[0] - c0[0];
          p.jit += c1[1] - c0[1];
        }
        p.seconds += s;
        p.steps += Number(perRound);
        rate[name] = Number(perRound) / s;
      }
      ratios.push(rate.after / rate.before);
      gdbRatios.push(rate.after / rate['gdb MI']);
    }
    ratios.sort((a, b) => a - b);
    gdbRatios.sort((a, b) => a - b);
    console.log(`instruction-step round trips (step, stopped, stackTrace, scopes, Registers), ${rounds} alternating rounds of ${perRound}:`);
    for (const [name, p] of Object.entries(peers)) {
      const us = x => (x / p.steps * 1e6).toFixed(0).padStart(4);
      const cpu = p.pid ? `   adapter CPU per round trip ${us(p.cpu - p.jit)} us without the JIT's ${us(p.jit)} us` : '';
      console.log(`  ${name.padEnd(14)} ${(p.steps / p.seconds).toFixed(0).padStart(6)}/s${cpu}`);
    }
    const median = r => `median of rounds ${r[r.length >> 1].toFixed(2)}x (range ${r[0].toFixed(2)}-${r[r.length - 1].toFixed(2)})`;
    console.log(`after/before: ${median(ratios)}`);
    console.log(`after/gdb MI: ${median(gdbRatios)}`);
    console.log(`load average: ${fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`);
  } finally {
    for (const p of Object.values(peers)) await (p.s ? p.s.close() : p.close());
  }
}

main().catch(e => { console.error(e.stack || e); process.exit(1); });
