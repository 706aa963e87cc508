// A recorded and built run for the tests of `hindsight serve TRACE_DIR`, made the way a user makes
// one: `./hindsight record` then `./hindsight build`, from a copy of a fixture in its own folder.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { root } from './harness.mjs';

export const fixture = (name) => join(root, 'tracer/src/test/resources/programs', name);

/** 1-based line of `// BREAK: name` in a fixture's text. */
export function markerLine(text, name) {
  const i = text.split('\n').findIndex((l) => l.includes(`// BREAK: ${name}`));
  assert.ok(i >= 0, `no BREAK: ${name}`);
  return i + 1;
}

/**
 * Records `name` compiled from `dir/proj/NAME` into `dir/trace` and, unless `build` is false, builds
 * its index in two shards. Returns {trace, source, text}.
 */
export function recordFixture(dir, name, { build = true } = {}) {
  const proj = join(dir, 'proj');
  mkdirSync(proj, { recursive: true });
  const source = join(proj, name);
  copyFileSync(fixture(name), source);
  const program = join(proj, name.replace(/\.c$/, ''));
  execFileSync('clang', ['-g', '-O0', '-o', program, source]);
  const trace = join(dir, 'trace');
  const hindsight = join(root, 'hindsight');
  execFileSync(hindsight, ['record', '-o', trace, program], { stdio: ['ignore', 'ignore', 'pipe'], timeout: 300_000 });
  if (build) execFileSync(hindsight, ['build', trace, '--shards', '2'], { stdio: ['ignore', 'ignore', 'pipe'], timeout: 600_000 });
  return { trace, source, text: readFileSync(source, 'utf8') };
}
