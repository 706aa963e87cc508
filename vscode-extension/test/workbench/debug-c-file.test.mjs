// The extension in a real VS Code (code-server in Debian's chromium), used as a person would: open
// a C file, click the gutter for a breakpoint, F5 with the "Debug a C file" snippet as launch.json,
// see the editor stop there, read a local in the Variables view (and ask for its origin, which a
// live session refuses), step over, open the Disassembly view and step one instruction, stop; run
// to the end and see the program's output in the Debug Console; and see a compile error as a
// problem at its line. Expected values come from gdb, from the program run on its own and from
// clang (oracle.mjs), never from the extension or the adapter.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBrowser } from '../../../web-ui/src/test/browser/harness.mjs';
import { root, startCodeServer } from './code-server.mjs';
import { clangError, gdbWalk, markerLine } from './oracle.mjs';
import { Workbench } from './workbench.mjs';
import { hindsightDebugger, manifest } from '../../scripts/attributes.mjs';

const programs = join(root, 'tracer/src/test/resources/programs');

/** launch.json with the "Debug a C file" snippet's body, as VS Code would insert it. */
function snippetLaunchJson() {
  const snippet = hindsightDebugger(manifest()).configurationSnippets.find((s) => /C file/.test(s.label));
  // In a snippet, ^"\${file}" is the JSON string "${file}".
  const body = JSON.parse(JSON.stringify(snippet.body).replace(/"\^\\"\\\\\$\{(\w+)\}\\""/g, '"${$1}"'));
  assert.equal(body.program, '${file}', 'the snippet debugs the open file');
  return { version: '0.2.0', configurations: [body] };
}

test('debug a C file in VS Code: breakpoint, stop, variables, step, disassembly, output, stop; a compile error is a problem', { timeout: 900_000 }, async (t) => {
  const scratch = mkdtempSync(join(tmpdir(), 'hindsight-vscode-'));
  t.after(() => rmSync(scratch, { recursive: true, force: true }));
  const workspace = join(scratch, 'workspace');
  mkdirSync(join(workspace, '.vscode'), { recursive: true });
  copyFileSync(join(programs, 'hello.c'), join(workspace, 'hello.c'));
  copyFileSync(join(programs, 'compile_syntax_error.c'), join(workspace, 'broken.c'));
  writeFileSync(join(workspace, '.vscode/launch.json'), JSON.stringify(snippetLaunchJson(), null, 2));
  const hello = join(workspace, 'hello.c');
  const loop = markerLine(hello, 'loop');
  const gdb = gdbWalk(hello, loop, 'i', scratch);
  const compileError = clangError(join(workspace, 'broken.c'));

  const server = await startCodeServer({
    settings: {
      'hindsight.path': join(root, 'hindsight'),
      'security.workspace.trust.enabled': false,
      'workbench.startupEditor': 'none',
      'workbench.tips.enabled': false,
      'telemetry.telemetryLevel': 'off',
      'extensions.autoCheckUpdates': false,
      'extensions.autoUpdate': false,
      'update.mode': 'none',
      'chat.disableAIFeatures': true,
      'debug.showInStatusBar': 'never',
      'editor.minimap.enabled': false,
    },
  });
  t.after(() => server.stop());
  const browser = await startBrowser();
  t.after(() => browser.close());
  const page = await browser.newPage();
  const vscode = new Workbench(page, () => server.log());
  await page.goto(`${server.url}?folder=${encodeURIComponent(workspace)}`);
  await vscode.ready();

  await vscode.openFile('hello.c');
  await vscode.toggleBreakpoint(loop);
  await vscode.press('F5');
  assert.equal(await vscode.stoppedLine(), loop, 'stops at the breakpoint');
  assert.equal(await vscode.variable('i'), String(gdb.local1), 'i at the breakpoint, as gdb prints it');
  // A live session cannot say where a value came from: the command says so, with the adapter's word.
  await vscode.variableMenu('i', 'Show Value Origin');
  assert.match(await vscode.notification(/Show Value Origin/), /needs a recorded run.*This session says: \S/);
  await vscode.press('Escape');
  if (process.env.HINDSIGHT_VSCODE_SCREENSHOT) await page.screenshot({ path: process.env.HINDSIGHT_VSCODE_SCREENSHOT });

  await vscode.press('F10');
  assert.equal(await vscode.stoppedLine({ not: loop }), gdb.line2, 'a step over goes where gdb\'s next goes');
  await vscode.press('F10');
  assert.equal(await vscode.stoppedLine({ not: gdb.line2 }), loop);
  assert.equal(await vscode.variable('i', { not: String(gdb.local1) }), String(gdb.local3), 'i after the loop came round');

  const pc = await vscode.openDisassembly();
  await vscode.press('F10'); // in the Disassembly view, one instruction
  const next = await vscode.disassemblyPc({ not: pc });
  assert.equal(next - pc, BigInt(gdb.stepiDelta), 'one instruction step moves the pc as gdb\'s stepi does');

  await vscode.press('Shift+F5');
  await vscode.sessionEnded();

  // The whole run: no breakpoint, the program's output in the Debug Console.
  await vscode.openFile('hello.c');
  await vscode.toggleBreakpoint(loop, { removing: true });
  await vscode.press('F5');
  await vscode.sessionEnded();
  await vscode.debugConsoleShows(gdb.output.trim());

  // A file that does not compile: the launch fails and the error is a problem at its line.
  await vscode.openFile('broken.c');
  await vscode.press('F5');
  const problem = await vscode.problem(compileError.message);
  assert.equal(problem.line, compileError.line, `the problem is at clang's line: ${problem.text}`);
  assert.equal(problem.file, 'broken.c');
});
