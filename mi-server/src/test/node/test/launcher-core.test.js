'use strict';
// The launcher passes gdb's CORE argument through: bin/hindsight-gdb PROGRAM CORE (and --core=CORE)
// prints what gdb prints on the same core dump (gdb's own thread-library, warning and
// symbol-reading lines aside).
const test = require('node:test');
const assert = require('assert/strict');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { execFileSync } = require('child_process');
const fixtures = require('../lib/fixtures');

const HINDSIGHT_GDB = path.join(fixtures.ROOT, 'bin', 'hindsight-gdb');
const T = { timeout: 600000 };

function lines(command, args) {
  const out = execFileSync(command, args, { encoding: 'utf8', timeout: 540000, stdio: ['ignore', 'pipe', 'pipe'] });
  return out.split('\n').filter(l => l.trim() && !/^(Reading symbols|\[New LWP|\[Thread debugging|Using host libthread_db|warning:)/.test(l));
}

test('bin/hindsight-gdb PROGRAM CORE and --core=CORE: the dump as gdb shows it', T, () => {
  const exe = fixtures.compile('core_dump.c');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hindsight-core-'));
  process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  const core = path.join(dir, 'crash.core');
  execFileSync('gdb', ['-nx', '-batch', '-ex', 'run', '-ex', `gcore ${core}`, '--args', exe, 'crash'],
    { stdio: ['ignore', 'pipe', 'pipe'], timeout: 120000 });
  const gdb = lines('gdb', ['-nx', '-q', '-batch', '-ex', 'bt', exe, core]);
  assert.match(gdb.join('\n'), /Program terminated with signal SIGSEGV/);
  assert.deepEqual(lines(HINDSIGHT_GDB, ['-q', '-batch', '-ex', 'bt', exe, core]), gdb);
  assert.deepEqual(lines(HINDSIGHT_GDB, ['-q', '-batch', '-ex', 'bt', `--core=${core}`, exe]), gdb);
});
