'use strict';
// Vim's termdebug plugin in prompt mode (as Debian's vim ships it), run headless by
// vim-termdebug.vim against a debugger: what Vim shows after each stop, by section.
const fs = require('fs');
const path = require('path');
const { execFile } = require('child_process');
const { TIMEOUT } = require('./frontend');
const { tempDir } = require('./fixtures');

const SCRIPT = path.join(__dirname, 'vim-termdebug.vim');

/**
 * Runs the session (:Break on `line` of `source`, :Run, `steps` ('over', 'step', 'finish',
 * 'until:LINE'), :Evaluate `evaluate`)
 * and resolves to its sections in order, each `{ title, lines }`: `pc` and `breakpoints` (the
 * signs, FILE:LINE) after each stop, then `messages` and `gdb window` (the prompt buffer's text).
 */
function vimSession(gdb, { program, source, line, steps, evaluate }) {
  const out = path.join(tempDir(), `vim-${gdb.name}-${path.basename(program)}.txt`);
  const env = { ...process.env, MI_GDB: gdb.path, MI_PROGRAM: program, MI_SOURCE: source, MI_LINE: String(line),
    MI_STEPS: steps.join(' '), MI_EVALUATE: evaluate, MI_OUT: out };
  return new Promise((resolve, reject) => {
    const vim = execFile('vim', ['-N', '-u', 'NONE', '-i', 'NONE', '-Es', '-S', SCRIPT],
      { env, timeout: 3 * TIMEOUT, cwd: path.dirname(program) }, (err, stdout, stderr) => {
        const text = fs.existsSync(out) ? fs.readFileSync(out, 'utf8') : '';
        if (err) return reject(new Error(`vim failed (${err.code || err.signal}):\n${text}\n${stdout}\n${stderr}`));
        resolve(parse(text));
      });
    vim.stdin.end();
  });
}

function parse(text) {
  const sections = [];
  for (const l of text.split('\n')) {
    const m = /^=== (.*)$/.exec(l);
    if (m) sections.push({ title: m[1], lines: [] });
    else if (sections.length && l !== '') sections[sections.length - 1].lines.push(l);
  }
  return sections;
}

module.exports = { vimSession };
