'use strict';
// Processes as /proc shows them, and waiting for a condition with a deadline instead of sleeping.
const fs = require('fs');
const { TIMEOUT } = require('./session');

/**
 * True while a thread of the process is not yet a zombie. Not the leader's state alone: a killed
 * JVM's main thread is a zombie while its other threads are still exiting, and they hold its
 * descriptors (a listening socket still accepts) until the last of them is gone.
 */
function alive(pid) {
  try {
    process.kill(pid, 0);
    return fs.readdirSync(`/proc/${pid}/task`).some(tid => {
      try {
        return !/\) [ZX] /.test(fs.readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8'));
      } catch {
        return false; // that thread is gone
      }
    });
  } catch {
    return false;
  }
}

/** The pid of the process tracing pid (0: none), or null when it is gone. */
function tracerPid(pid) {
  try {
    return Number(fs.readFileSync(`/proc/${pid}/status`, 'utf8').match(/^TracerPid:\s+(\d+)/m)[1]);
  } catch {
    return null;
  }
}

/** User plus system CPU time the process has used, in clock ticks (it grows only while it runs). */
function cpuTicks(pid) {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return Number(fields[11]) + Number(fields[12]); // utime and stime: fields 14 and 15 of stat
}

/** Resolves once condition() holds; rejects saying what was awaited after the deadline. */
async function until(what, condition, timeout = TIMEOUT) {
  const deadline = Date.now() + timeout;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`waited in vain for ${what}`);
    await new Promise(r => setTimeout(r, 20));
  }
}

module.exports = { alive, tracerPid, cpuTicks, until };
