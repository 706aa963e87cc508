// What the workbench should show, from independent sources: gdb on the same program compiled the
// way the adapter compiles it (clang -g -O0), the program run on its own, and clang's own message
// for a file that does not compile. Lines are found by `// BREAK:` markers, never hard-coded.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export function markerLine(file, name) {
  const lines = readFileSync(file, 'utf8').split('\n');
  const index = lines.findIndex((l) => l.includes(`// BREAK: ${name}`));
  if (index < 0) throw new Error(`no marker ${name} in ${file}`);
  return index + 1;
}

/**
 * gdb at `file:line`: the value of `local` there, the line after one `next`, the value of `local`
 * after a second `next`, and how far one `stepi` moves the pc from that stop.
 */
export function gdbWalk(file, line, local, scratch) {
  const binary = join(scratch, 'oracle-binary');
  execFileSync('clang', ['-g', '-O0', '-o', binary, file]);
  const out = execFileSync('gdb', ['-q', '-batch', '-nx', '-ex', `break ${file}:${line}`, '-ex', 'run',
    '-ex', `printf "LOCAL1=%d\\n", ${local}`, '-ex', 'next', '-ex', 'python print("LINE2=%d" % gdb.selected_frame().find_sal().line)',
    '-ex', 'next', '-ex', `printf "LOCAL3=%d\\n", ${local}`, '-ex', 'set $before = $pc', '-ex', 'stepi',
    '-ex', 'printf "DELTA=%d\\n", $pc - $before', binary], { encoding: 'utf8' });
  const value = (key) => {
    const m = new RegExp(`${key}=(-?\\d+)`).exec(out);
    if (!m) throw new Error(`gdb did not print ${key}:\n${out}`);
    return Number(m[1]);
  };
  const output = spawnSync(binary, { encoding: 'utf8' }).stdout;
  return { local1: value('LOCAL1'), line2: value('LINE2'), local3: value('LOCAL3'), stepiDelta: value('DELTA'), output };
}

/** clang's first error for `file`: {line, message}. */
export function clangError(file) {
  const r = spawnSync('clang', ['-fsyntax-only', file], { encoding: 'utf8' });
  const m = /:(\d+):\d+: error: (.*)/.exec(r.stderr);
  if (!m) throw new Error(`clang found no error in ${file}:\n${r.stderr}`);
  return { line: Number(m[1]), message: m[2] };
}
