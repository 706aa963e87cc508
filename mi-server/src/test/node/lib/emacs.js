'use strict';
// Emacs's gdb front end (gdb-mi.el, as Debian's emacs-nox ships it) run in batch mode by
// emacs-gdb-mi.el, against a debugger: what its buffers show after each stop, by section.
const path = require('path');
const { execFile } = require('child_process');
const { TIMEOUT } = require('./frontend');

const SCRIPT = path.join(__dirname, 'emacs-gdb-mi.el');

/**
 * Runs the session (break at `line` of `source`, run, then `steps`: 'next', 'until:LINE',
 * 'jump:LINE') and resolves to the stops in order, each `{ title, frame, locals, breakpoints,
 * stack, threads, memory }` holding the
 * buffer's lines. MI_FRONT_END_LOG names a directory for gdb-mi's log of the MI dialogue.
 */
function emacsSession(gdb, { program, source, line, steps }) {
  const env = { ...process.env, MI_GDB: gdb.path, MI_PROGRAM: program, MI_SOURCE: source, MI_LINE: String(line), MI_STEPS: steps.join(' ') };
  if (process.env.MI_FRONT_END_LOG) env.MI_LOG = path.join(process.env.MI_FRONT_END_LOG, `emacs-${gdb.name}-${path.basename(program)}.log`);
  return new Promise((resolve, reject) => {
    execFile('emacs', ['-Q', '--batch', '-l', SCRIPT], { env, timeout: 3 * TIMEOUT, cwd: path.dirname(program) }, (err, stdout, stderr) => {
      if (err) return reject(new Error(`emacs failed (${err.code || err.signal}):\n${stdout}\n${stderr}`));
      resolve(parse(stdout));
    });
  });
}

/** `=== TITLE` opens a stop; `=== NAME` lines inside it open its buffers. */
function parse(text) {
  const stops = [];
  let stop, section;
  for (const l of text.split('\n')) {
    const m = /^=== (.*)$/.exec(l);
    if (m && ['frame', 'locals', 'breakpoints', 'stack', 'threads', 'memory'].includes(m[1]) && stop) {
      section = stop[m[1]] = [];
    } else if (m) {
      stop = { title: m[1] };
      stops.push(stop);
      section = null;
    } else if (section && l !== '') {
      section.push(l);
    }
  }
  return stops;
}

/** A buffer's table lines as arrays of cells (gdb-mi pads columns with spaces). */
function rows(lines) {
  return lines.map(l => l.trim().split(/\s+/));
}

module.exports = { emacsSession, rows };
