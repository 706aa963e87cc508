'use strict';
// Where a warm DAP instruction-step round trip spends the adapter's CPU: the round trip of
// dap-step-rate.js (step, stopped, stackTrace, scopes, Registers variables) against Hindsight in
// its own JVM, BENCH_WARMUP untimed steps first, then a JFR recording (started in the running
// adapter with jcmd, so the warm-up is not in it: a -XX:StartFlightRecording flag would print to
// stdout, the DAP channel) over STEPS timed ones. Prints the rate and each thread's CPU per round
// trip (from /proc); the recording goes to OUT.jfr (dap-step-profile.sh sums its samples).
// Not async-profiler: it prints ("Profiling started", option errors) on the JVM's stdout, which
// for a stdio adapter is the DAP channel, and the client stalls on it. (Its SIGPROFs are not the
// problem: the engine retries interrupted calls, see SignalStormTest.)
// Usage: node dap-step-profile.js PROGRAM STEPS OUT HINDSIGHT_CMD…   (see dap-step-profile.sh)
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');
const { LeanSession } = require('./dap-lean-client');

const WARMUP = Number(process.env.BENCH_WARMUP || 6000);
const PERIOD = process.env.PROFILE_PERIOD || '1ms';

/** CPU ticks (user + system) of each thread of `pid`, by thread name. */
function threadTicks(pid) {
  const out = {};
  for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replace(/-?\d+$/, '');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out[name] = (out[name] || 0) + Number(f[11]) + Number(f[12]);
    } catch (e) { /* the thread ended */ }
  }
  return out;
}

async function main() {
  const [program, stepsArg, out, ...command] = process.argv.slice(2);
  const steps = Number(stepsArg);
  const s = await LeanSession.stoppedAtMain(command, program);
  try {
    const once = () => s.roundTrip();
    for (let k = 0; k < WARMUP; k++) await once();
    console.error(`${WARMUP} untimed round trips done; profiling ${steps}`);
    const pid = String(s.proc.pid);
    const jcmd = (...args) => execFileSync('jcmd', [pid, ...args], { encoding: 'utf8' });
    jcmd('JFR.start', 'name=dap-step', 'settings=profile', `jdk.ExecutionSample#period=${PERIOD}`);
    const before = threadTicks(pid);
    const t0 = process.hrtime.bigint();
    for (let k = 0; k < steps; k++) await once();
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    const after = threadTicks(pid);
    jcmd('JFR.stop', 'name=dap-step', `filename=${out}.jfr`);
    const hz = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }));
    console.log(`${steps} warm round trips at ${(steps / seconds).toFixed(0)}/s (after ${WARMUP} untimed); load ${fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`);
    console.log('adapter CPU per round trip, by thread:');
    const rows = Object.keys(after).map(n => [n, ((after[n] - (before[n] || 0)) / hz) / steps * 1e6]).filter(r => r[1] > 0.5);
    for (const [n, us] of rows.sort((a, b) => b[1] - a[1])) console.log(`  ${n.padEnd(24)} ${us.toFixed(0).padStart(5)} us`);
  } finally {
    await s.close();
  }
}

main().catch(e => { console.error(e.stack || e); process.exit(1); });
