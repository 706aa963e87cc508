// The page says what state the program is really in: after a failed request, while it runs, after
// it ended, was stopped or crashed (issue 14, defects 1 and 2).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sharedServerAndBrowser } from './harness.mjs';
import {
  click, compileExample, currentLine, lineOf, nextStop, register, setSource, stepWith, stops, toggleBreakpoint,
} from './debugging.mjs';

const shared = sharedServerAndBrowser();
const { opts, open } = shared;

const status = (page) => page.textContent('#status');

// A stack pointer that points nowhere: no return address can be read, so Step out fails (the
// page's assembly example no longer does: the engine unwinds frameless code by its call frames).
const LOST_STACK = `    .globl main
main:
    mov     %rsp, %rbx
    mov     $8, %rsp
    nop                     # lost
    mov     %rbx, %rsp      # found
    xor     %eax, %eax
    ret
`;

test('a failed Step out leaves the page stopped where it was, the error shown and every step usable', opts, async () => {
  const page = await open();
  await setSource(page, LOST_STACK, 'asm');
  const before = await stops(page);
  await click(page, 'Compile');
  await nextStop(page, before);
  const line = await lineOf(page, '# lost');
  await toggleBreakpoint(page, line);
  await stepWith(page, 'Continue');
  assert.equal(await currentLine(page), line);
  const rip = await register(page, 'rip');
  await click(page, 'Step out');
  await page.waitForFunction(() => document.querySelector('#status').classList.contains('error'), null, { timeout: 60_000 });
  assert.match(await status(page), /Step out failed: cannot find where the function at 0x[0-9a-f]+ returns to/);
  assert.match(await status(page), /main\.s:\d+/, 'the banner still says where the program is stopped');
  // The page is stopped, as the program is: the steps work (a lock-up left them disabled forever).
  await page.waitForFunction(() => !document.querySelector('#stepInstruction').disabled, null, { timeout: 60_000 });
  assert.ok(await page.locator('#pause').isDisabled(), 'nothing runs, so nothing to pause');
  assert.equal(await currentLine(page), line, 'the line is still highlighted');
  await stepWith(page, 'Step instruction');
  assert.notEqual(await register(page, 'rip'), rip, 'a step after the failure moves on');
  assert.equal(await currentLine(page), await lineOf(page, '# found'));
  assert.deepEqual(page.problems, []);
  await page.close();
});

/** What the panels show of a stop: highlighted line and instruction, their colours, and the panels' contents. */
function looks(page) {
  return page.evaluate(() => {
    const line = document.querySelector('#editor').shadowRoot.querySelector('.cm-current-line');
    const insn = document.querySelector('#disasm tr.current');
    const transparent = (e) => !e || getComputedStyle(e).backgroundColor === 'rgba(0, 0, 0, 0)';
    const text = (id) => document.getElementById(id).textContent.trim();
    return {
      status: document.querySelector('#status').textContent,
      line: Boolean(line), lineShown: !transparent(line), insn: Boolean(insn), insnShown: !transparent(insn),
      dimmed: ['variables', 'stack', 'registers', 'memory', 'disasm'].filter((id) => Number(getComputedStyle(document.getElementById(id)).opacity) < 1),
      registers: text('registers'), variables: text('variables'), stack: text('stack'), memory: text('memory'),
    };
  });
}

async function compileSource(page, text) {
  await setSource(page, text);
  const before = await stops(page);
  await click(page, 'Compile');
  await nextStop(page, before);
}

/** Nothing left of a stop that is gone: no highlighted line or instruction, empty panels. */
function assertCleared(seen) {
  assert.equal(seen.line, false, 'no current line');
  assert.equal(seen.insn, false, 'no current instruction');
  for (const panel of ['registers', 'variables', 'stack', 'memory']) assert.equal(seen[panel], '', `${panel} cleared`);
}

test('while running the banner says so and the last stop is greyed; pause, then Stop, say what happened', opts, async () => {
  const page = await open();
  await compileSource(page, 'volatile unsigned long n;\nint main(void) {\n    for (;;) n++;\n}\n');
  let seen = await looks(page);
  assert.ok(seen.lineShown && seen.insnShown, 'stopped at entry: line and instruction highlighted');
  assert.deepEqual(seen.dimmed, []);
  await click(page, 'Continue');
  // No stale "Stopped at main.c:…" and no highlight saying where it was while it runs on.
  await page.waitForFunction(() => /^Running/.test(document.querySelector('#status').textContent));
  await page.waitForFunction(() => {
    const line = document.querySelector('#editor').shadowRoot.querySelector('.cm-current-line');
    const insn = document.querySelector('#disasm tr.current');
    return [line, insn].every((e) => !e || getComputedStyle(e).backgroundColor === 'rgba(0, 0, 0, 0)')
      && Number(getComputedStyle(document.querySelector('#variables')).opacity) < 1;
  }, null, { timeout: 30_000 });
  seen = await looks(page);
  assert.deepEqual(seen.dimmed.sort(), ['disasm', 'memory', 'registers', 'stack', 'variables']);
  await stepWith(page, 'Pause');
  seen = await looks(page);
  assert.match(seen.status, /^Stopped at main\.c:3 in main \(pause/);
  assert.ok(seen.lineShown && seen.insnShown, 'paused: line and instruction highlighted again');
  assert.deepEqual(seen.dimmed, []);
  await click(page, 'Stop');
  await page.waitForFunction(() => /^Stopped by you\b/.test(document.querySelector('#status').textContent));
  assertCleared(await looks(page));
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('a program that ends says its exit code and leaves no stale panels', opts, async () => {
  const page = await open();
  await compileSource(page, 'int main(void) {\n    int x = 3;\n    return x + 4;\n}\n');
  await stepWith(page, 'Step line');
  assert.notEqual(await page.textContent('#variables'), '');
  await click(page, 'Continue');
  await page.waitForFunction(() => /^Ended with code 7\b/.test(document.querySelector('#status').textContent));
  assertCleared(await looks(page));
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('a crash is told as a fault stop, then as killed by its signal at the faulting address', opts, async () => {
  const page = await open();
  await compileSource(page, 'int main(void) {\n    int *volatile p = 0;\n    return *p;\n}\n');
  await stepWith(page, 'Continue');
  assert.match(await page.textContent('#status'), /^Stopped at main\.c:3 in main \(.*SIGSEGV/);
  await click(page, 'Continue');
  await page.waitForFunction(() => /^Killed by SIGSEGV at 0x0\b/.test(document.querySelector('#status').textContent));
  assertCleared(await looks(page));
  assert.deepEqual(page.problems, []);
  await page.close();
});
