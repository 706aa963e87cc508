// The page debugging real programs through the server and the DAP engine, in Debian's chromium.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dapMessages, sharedServerAndBrowser, openPage, startServer } from './harness.mjs';
import {
  click, compileExample, currentInstruction, currentLine, lineOf, nextStop, register, setSource, stepWith,
  stops, toggleBreakpoint,
} from './debugging.mjs';

const shared = sharedServerAndBrowser();
const { opts, open } = shared;

test('every example compiles and stops in its first function', opts, async () => {
  const page = await open();
  const titles = await page.locator('#example option').allTextContents();
  for (const title of titles) {
    await compileExample(page, title);
    assert.match(await page.textContent('#status'), /^Stopped/, title);
    assert.ok(await page.locator('#disasm tr.current').count() === 1, `${title}: current instruction shown`);
    assert.match(await register(page, 'rip'), /^0x[0-9a-f]+$/, title);
  }
  assert.deepEqual(page.problems, [], 'no console errors or policy violations');
  await page.close();
});

test('step instruction moves rip and the highlighted instruction', opts, async () => {
  const page = await open();
  await compileExample(page, 'Loops');
  for (let i = 0; i < 3; i++) {
    const rip = await register(page, 'rip');
    assert.equal(await currentInstruction(page), rip);
    await stepWith(page, 'Step instruction');
    const next = await register(page, 'rip');
    assert.notEqual(next, rip);
    assert.equal(await currentInstruction(page), next);
    assert.equal(await page.locator('#registers tr.changed[data-reg="rip"]').count(), 1, 'rip marked as changed');
  }
  assert.deepEqual(page.problems, [], 'no console errors or policy violations');
  await page.close();
});

test('a step asks once for the state at its stop, not for the stack, scopes and registers one by one', opts, async () => {
  const sent = [];
  const frames = [];
  const page = await open(undefined, (p) => p.on('websocket', (ws) => ws.on('framesent', (f) => {
    const commands = dapMessages(f.payload).map((m) => m.command);
    sent.push(...commands);
    frames.push(commands.join(' '));
  })));
  await compileExample(page, 'Loops');
  const line = await lineOf(page, 'int sum = 0');
  const from = sent.length;
  const fromFrame = frames.length;
  await stepWith(page, 'Step instruction');
  const asked = sent.slice(from);
  assert.deepEqual(asked.slice(0, 2), ['stepIn', 'stopState'], asked.join(' '));
  // Both in one frame (a batch): each frame costs the browser an IPC message and a task.
  assert.equal(frames[fromFrame], 'stepIn stopState', frames.slice(fromFrame).join(' | '));
  for (const c of ['stackTrace', 'scopes', 'variables', 'readMemory']) assert.ok(!asked.includes(c), `${c} asked again: ${asked.join(' ')}`);
  // What the panels show came from that one answer: registers, the frame, the variables, the stack's bytes.
  assert.match(await register(page, 'rip'), /^0x[0-9a-f]+$/);
  assert.match(await page.locator('#stack li').first().innerText(), /^main/);
  assert.ok(await page.locator('#variables [data-path^="Locals/"]').count() > 0, 'locals shown');
  assert.ok(await page.locator('#memory').innerText().then((t) => /[0-9a-f]{2} [0-9a-f]{2}/i.test(t)), 'memory shown');
  assert.ok([line, line + 1].includes(await currentLine(page)), 'the line of the instruction after main\'s first');
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('step line moves to the next line', opts, async () => {
  const page = await open();
  await compileExample(page, 'Loops');
  const first = await currentLine(page);
  assert.equal(first, await lineOf(page, 'int sum = 0'));
  await stepWith(page, 'Step line');
  assert.equal(await currentLine(page), await lineOf(page, 'for (int i'));
  assert.deepEqual(page.problems, [], 'no console errors or policy violations');
  await page.close();
});

test('step over runs a call to its end and stops once, on the next line of the caller', opts, async () => {
  const stopped = [];
  const page = await open(undefined, (p) => p.on('websocket', (ws) => ws.on('framereceived', (f) => {
    for (const m of dapMessages(f.payload)) if (m.type === 'event' && m.event === 'stopped') stopped.push(m.body.reason);
  })));
  await compileExample(page, 'Recursion');
  assert.equal(await currentLine(page), await lineOf(page, 'unsigned long f = factorial(5);'));
  assert.doesNotMatch(await page.locator('#variables').innerText(), /\bf = 120\b/, 'f is not yet 5!');
  const shownBefore = await stops(page);
  const receivedBefore = stopped.length;
  await stepWith(page, 'Step over');
  assert.equal(await currentLine(page), await lineOf(page, 'int r = fib(6);'));
  assert.deepEqual(stopped.slice(receivedBefore), ['step'], 'one stop, none inside factorial');
  assert.equal(await stops(page), shownBefore + 1);
  assert.deepEqual(await page.locator('#stack li').allInnerTexts().then((f) => f.map((t) => t.split(/\s/)[0])), ['main']);
  assert.match(await page.locator('#variables').innerText(), /\bf = 120\b/, "factorial(5)'s result was stored");
  assert.deepEqual(page.problems, [], 'no console errors or policy violations');
  await page.close();
});

test('a gutter breakpoint stops Continue there and the variables show the right values', opts, async () => {
  const page = await open();
  await compileExample(page, 'Loops');
  const line = await lineOf(page, 'printf(');
  await toggleBreakpoint(page, line);
  await stepWith(page, 'Continue');
  assert.equal(await currentLine(page), line);
  const vars = await page.locator('#variables').innerText();
  assert.match(vars, /sum = 55\b/);
  assert.match(vars, /steps = 111\b/);
  assert.match(vars, /n = 1\b/);
  await page.fill('#watchExpression', 'sum * 2 + steps');
  await page.press('#watchExpression', 'Enter');
  await page.waitForFunction(() => /sum \* 2 \+ steps = 221\b/.test(document.querySelector('#variables').innerText));
  await page.getByRole('button', { name: 'Stop watching sum * 2 + steps' }).click();
  await page.waitForFunction(() => !/sum \* 2/.test(document.querySelector('#variables').innerText));
  assert.deepEqual(page.problems, [], 'no console errors or policy violations');
  await page.close();
});

test('program output appears and the input line reaches stdin', opts, async () => {
  const page = await open();
  await setSource(page, [
    '#include <stdio.h>',
    'int main(void) {',
    '    char name[64];',
    '    printf("name? ");',
    '    fflush(stdout);',
    '    if (fgets(name, sizeof name, stdin)) printf("hello, %s", name);',
    '    return 0;',
    '}',
    ''].join('\n'));
  const before = await stops(page);
  await click(page, 'Compile');
  await nextStop(page, before);
  await click(page, 'Continue');
  await page.waitForFunction(() => document.querySelector('#output').textContent.includes('name? '));
  await page.fill('#stdin', 'Ada');
  await page.press('#stdin', 'Enter');
  await page.waitForFunction(() => document.querySelector('#output').textContent.includes('hello, Ada'));
  await page.waitForFunction(() => /exited with code 0/.test(document.querySelector('#output').textContent));
  assert.deepEqual(page.problems, [], 'no console errors or policy violations');
  await page.close();
});

test('a compile error is shown at its line', opts, async () => {
  const page = await open();
  await setSource(page, 'int main(void) {\n    int x = 1;\n    return y;\n}\n');
  await click(page, 'Compile');
  await page.waitForFunction(() => /Compile failed/.test(document.querySelector('#status').textContent));
  const marked = page.locator('.cm-lintRange-error');
  assert.equal(await marked.count(), 1);
  assert.equal(await marked.textContent(), 'y');
  const errorLine = await page.evaluate(() => {
    const lines = [...document.querySelector('#editor').shadowRoot.querySelectorAll('.cm-line')];
    return lines.findIndex((l) => l.querySelector('.cm-lintRange-error')) + 1;
  });
  assert.equal(errorLine, 3);
  assert.match(await page.textContent('#output'), /undeclared identifier 'y'/);
  await marked.hover();
  await page.waitForSelector('.cm-tooltip-lint');
  assert.match(await page.locator('.cm-tooltip-lint').innerText(), /undeclared identifier 'y'/);
  assert.deepEqual(page.problems, [], 'no console errors or policy violations');
  await page.close();
});

test('reloading the URL with the session fragment reconnects to the live session', opts, async () => {
  const page = await open();
  await compileExample(page, 'Recursion');
  await stepWith(page, 'Step line');
  const line = await currentLine(page);
  const rip = await register(page, 'rip');
  const url = page.url();
  assert.match(url, /#[A-Za-z0-9_-]{22}$/);
  await page.reload();
  await nextStop(page, 0); // the re-sent stop, fully shown
  assert.equal(page.url(), url);
  assert.equal(await currentLine(page), line);
  assert.equal(await register(page, 'rip'), rip);
  await stepWith(page, 'Step instruction');
  assert.notEqual(await register(page, 'rip'), rip);
  assert.deepEqual(page.problems, [], 'no console errors or policy violations');
  await page.close();
});

test('auto-step keeps stepping until pressed again', opts, async () => {
  const dap = { steps: 0, stops: 0 };
  const page = await open(undefined, (p) => p.on('websocket', (ws) => {
    ws.on('framesent', (f) => { if (/"command":"(stepIn|hindsight\/autoStep)"/.test(f.payload)) dap.steps++; });
    ws.on('framereceived', (f) => { if (/"event":"stopped"/.test(f.payload)) dap.stops++; });
  }));
  await compileExample(page, 'Loops');
  await page.selectOption('#speed', '0');
  // Every rip the Registers panel shows, in order, however fast they come.
  await page.evaluate(() => {
    const shown = [];
    globalThis.ripsShown = shown;
    new MutationObserver(() => {
      const rip = document.querySelector('#registers tr[data-reg="rip"] td.hex')?.textContent;
      if (rip && rip !== shown.at(-1)) shown.push(rip);
    }).observe(document.querySelector('#registers'), { childList: true, subtree: true, characterData: true });
  });
  const before = { steps: dap.steps, stops: dap.stops };
  await click(page, 'Auto-step');
  assert.equal(await page.getByRole('button', { name: 'Auto-step' }).getAttribute('aria-pressed'), 'true');
  await page.waitForFunction(() => globalThis.ripsShown.length >= 6, undefined, { timeout: 60_000 });
  await click(page, 'Auto-step');
  // Settled: the button is up, and the stop of the step that was in flight (if any) is fully shown.
  await page.waitForFunction(() => {
    const dbg = globalThis.hindsight.dbg;
    return dbg.state === 'stopped' && dbg.stopWaiters.length === 0 && !document.querySelector('#stepInstruction').disabled
      && document.querySelector('#autoStep').getAttribute('aria-pressed') === 'false';
  }, undefined, { timeout: 30_000 });
  const settled = { steps: dap.steps, stops: dap.stops, shown: await stops(page), rip: await register(page, 'rip'),
    rips: await page.evaluate(() => globalThis.ripsShown.length) };
  assert.ok(settled.steps - before.steps >= 6, `${settled.steps - before.steps} steps sent`);
  assert.equal(settled.stops - before.stops, settled.steps - before.steps, 'every step was answered with a stop');
  // Round trips on the page's own socket: a step still sent after the press would go out meanwhile.
  for (let i = 0; i < 5; i++) await page.evaluate(() => globalThis.hindsight.dbg.client.request('threads'));
  assert.equal(dap.steps, settled.steps, 'no step sent after the press was acknowledged');
  assert.equal(dap.stops, settled.stops);
  assert.equal(await stops(page), settled.shown, 'stopped stepping');
  assert.equal(await register(page, 'rip'), settled.rip);
  assert.equal(await page.evaluate(() => globalThis.ripsShown.length), settled.rips);
  assert.equal(await page.getByRole('button', { name: 'Auto-step' }).getAttribute('aria-pressed'), 'false');
  assert.deepEqual(page.problems, [], 'no console errors or policy violations');
  await page.close();
});

test('call stack frames show their own variables; step out returns to the caller', opts, async () => {
  const page = await open();
  await compileExample(page, 'Recursion');
  await toggleBreakpoint(page, await lineOf(page, 'return 1;'));
  await stepWith(page, 'Continue');
  const frames = page.locator('#stack li');
  assert.equal(await frames.count(), 6, 'factorial(5..1) and main');
  assert.match(await page.locator('#variables').innerText(), /n = 1\b/);
  await frames.nth(2).click();
  await page.waitForFunction(() => /n = 3\b/.test(document.querySelector('#variables').innerText));
  assert.equal(await frames.nth(2).getAttribute('aria-current'), 'true');
  assert.equal(await page.locator('#disasm tr.frame').count(), 1, "the frame's instruction is marked");
  await stepWith(page, 'Step out');
  assert.equal(await page.locator('#stack li').count(), 5);
  assert.equal(await currentLine(page), await lineOf(page, 'return n * factorial'));
  assert.deepEqual(page.problems, [], 'no console errors or policy violations');
  await page.close();
});

test('hovering a source line highlights its instructions and an instruction its line', opts, async () => {
  const page = await open();
  await compileExample(page, 'Loops');
  const line = await lineOf(page, 'sum += i');
  await page.locator('.cm-line').nth(line - 1).hover();
  const related = page.locator('#disasm tr.related');
  await page.waitForFunction(() => document.querySelectorAll('#disasm tr.related').length > 0);
  for (const l of await related.evaluateAll((rows) => rows.map((r) => r.dataset.line))) assert.equal(l, String(line));
  const row = page.locator(`#disasm tr[data-line="${line}"]`).first();
  await row.hover();
  await page.waitForFunction(() => document.querySelector('#editor').shadowRoot.querySelector('.cm-related-line'));
  const marked = await page.evaluate(() => [...document.querySelector('#editor').shadowRoot.querySelectorAll('.cm-line')]
    .findIndex((l) => l.classList.contains('cm-related-line')) + 1);
  assert.equal(marked, line);
  assert.deepEqual(page.problems, [], 'no console errors or policy violations');
  await page.close();
});

test('eflags are decoded, SSE registers come on demand, memory shows the stack', opts, async () => {
  const page = await open();
  await compileExample(page, 'Floating point');
  const flags = await page.locator('#registers tr[data-reg="eflags"] td.flags span').allTextContents();
  assert.deepEqual(flags, ['CF', 'PF', 'AF', 'ZF', 'SF', 'TF', 'IF', 'DF', 'OF']);
  assert.equal(await page.locator('#registers tr[data-reg="eflags"] .set', { hasText: 'IF' }).count(), 1, 'IF is set in user mode');
  assert.equal(await page.locator('#registers tr[data-reg="xmm0"]').count(), 0);
  for (const panel of ['#registers', '#variables', '#stack', '#disasm', '#memory']) {
    assert.doesNotMatch(await page.locator(panel).innerText(), /\bnull\b|\bundefined\b|NaN/, panel);
  }
  const before = await stops(page);
  await page.check('#showVector');
  await page.waitForSelector('#registers tr[data-reg="xmm0"]');
  assert.equal(await stops(page), before);
  const rsp = BigInt(await register(page, 'rsp'));
  const memory = await page.locator('#memory').innerText();
  assert.ok(memory.includes(`0x${(rsp & ~7n).toString(16)}`), 'rows around rsp');
  // An expression: the bytes of `third` (1/3 as a float is 0x3eaaaaab, little-endian).
  await toggleBreakpoint(page, await lineOf(page, 'double avg ='));
  await stepWith(page, 'Continue');
  await page.fill('#memoryAddress', '&third');
  await page.click('#memoryForm button');
  await page.waitForFunction(() => /ab aa aa 3e/.test(document.querySelector('#memory').textContent));
  assert.deepEqual(page.problems, [], 'no console errors or policy violations');
  await page.close();
});

test('pause stops a running program; stop ends it; restart runs it again', opts, async () => {
  const page = await open();
  await setSource(page, 'volatile unsigned long n;\nint main(void) {\n    for (;;) n++;\n}\n');
  const before = await stops(page);
  await click(page, 'Compile');
  await nextStop(page, before);
  await click(page, 'Continue');
  await page.waitForFunction(() => !document.querySelector('#pause').disabled);
  await stepWith(page, 'Pause');
  assert.match(await page.textContent('#status'), /^Stopped at main\.c:\d+ in main \(pause/);
  await click(page, 'Stop');
  // Stop says "stopped", not the SIGKILL that does it (exit code 128 + 9).
  await page.waitForFunction(() => /^Stopped by you\. Restart/.test(document.querySelector('#status').textContent));
  // The server's exited event reaches the page too, not only the terminate response.
  await page.waitForFunction(() => /\[program stopped\]/.test(document.querySelector('#output').textContent));
  assert.doesNotMatch(await page.textContent('#output'), /SIGKILL|137/);
  assert.ok(await page.getByRole('button', { name: 'Step instruction' }).isDisabled());
  await stepWith(page, 'Restart');
  assert.match(await page.textContent('#status'), /^Stopped/);
  assert.equal(await currentLine(page), await lineOf(page, 'for (;;)'));
  assert.deepEqual(page.problems, [], 'no console errors or policy violations');
  await page.close();
});

test('a breakpoint in the disassembly gutter stops Continue at that instruction', opts, async () => {
  const page = await open();
  await compileExample(page, 'Loops');
  const line = await lineOf(page, 'steps++');
  const target = page.locator(`#disasm tr[data-line="${line}"]`).first();
  const address = await target.getAttribute('data-address');
  await target.locator('td.bp').click();
  assert.equal(await target.locator('td.bp').textContent(), '●');
  await stepWith(page, 'Continue');
  assert.equal(await register(page, 'rip'), address);
  assert.equal(await currentInstruction(page), address);
  assert.equal(await currentLine(page), line);
  assert.deepEqual(page.problems, [], 'no console errors or policy violations');
  await page.close();
});

test('clicking an instruction selects its source line, whose instructions stay highlighted', opts, async () => {
  const page = await open();
  await compileExample(page, 'Loops');
  const line = await lineOf(page, 'n = (n % 2');
  await page.locator(`#disasm tr[data-line="${line}"] td.insn`).first().click();
  await page.mouse.move(0, 0);
  const related = await page.locator('#disasm tr.related').evaluateAll((rows) => rows.map((r) => r.dataset.line));
  assert.ok(related.length > 3);
  assert.ok(related.every((l) => l === String(line)));
  assert.deepEqual(page.problems, [], 'no console errors or policy violations');
  await page.close();
});

test('keyboard shortcuts compile once and step', opts, async () => {
  const page = await open();
  let launches = 0;
  page.on('websocket', (ws) => ws.on('framesent', (f) => { if (String(f.payload).includes('"command":"launch"')) launches++; }));
  await page.selectOption('#example', { label: 'Loops' });
  await page.locator('.cm-content').click();
  const before = await stops(page);
  await page.keyboard.press('Control+Enter');
  await nextStop(page, before);
  assert.equal(launches, 1);
  const rip = await register(page, 'rip');
  const afterCompile = await stops(page);
  await page.keyboard.press('Alt+i');
  await nextStop(page, afterCompile);
  assert.notEqual(await register(page, 'rip'), rip);
  const line = await currentLine(page);
  const afterStep = await stops(page);
  await page.keyboard.press('Alt+n');
  await nextStop(page, afterStep);
  assert.notEqual(await currentLine(page), line);
  assert.deepEqual(page.problems, [], 'no console errors or policy violations');
  await page.close();
});

test('breakpoints set before Compile are kept and hit', opts, async () => {
  const page = await open();
  await page.selectOption('#example', { label: 'Recursion' });
  const line = await lineOf(page, 'return n < 2');
  await toggleBreakpoint(page, line);
  const before = await stops(page);
  await click(page, 'Compile');
  await nextStop(page, before);
  await stepWith(page, 'Continue');
  assert.equal(await currentLine(page), line);
  assert.match(await page.locator('#stack li').first().innerText(), /^fib/);
  assert.deepEqual(page.problems, [], 'no console errors or policy violations');
  await page.close();
});

test('with --single-session a new page joins the running session and shows its source', opts, async () => {
  const single = await startServer(['--single-session']);
  try {
    const first = await openPage(shared.browser, single.url);
    await compileExample(first, 'Loops');
    await stepWith(first, 'Step line');
    const line = await currentLine(first);
    const rip = await register(first, 'rip');

    const second = await openPage(shared.browser, single.url); // a new tab: nothing in its storage
    await nextStop(second, 0);
    await second.waitForFunction(() => /int steps = 0|steps = 0/.test(globalThis.hindsight.editor.text));
    assert.equal(await currentLine(second), line);
    assert.equal(await register(second, 'rip'), rip);
    await stepWith(second, 'Step instruction');
    assert.notEqual(await register(second, 'rip'), rip);
    assert.deepEqual(second.problems, []);
    await first.close();
    await second.close();
  } finally {
    await single.stop();
  }
});

test('with --single-session a Compile clicked before the page learned the mode is not undone by joining', opts, async () => {
  const single = await startServer(['--single-session']);
  try {
    let release;
    const held = new Promise((r) => { release = r; });
    const page = await openPage(shared.browser, single.url, undefined, (p) =>
      p.route('**/mode.json', async (route) => { await held; await route.continue(); }));
    await compileExample(page, 'Loops');
    const answered = page.waitForResponse('**/mode.json');
    release();
    await answered;
    // Whatever the page does once it knows the mode is queued behind the launch: let it run.
    await page.evaluate(() => new Promise((r) => setTimeout(r, 0)));
    await page.evaluate(() => globalThis.hindsight.dbg.queue);
    assert.equal(await page.evaluate(() => globalThis.hindsight.dbg.state), 'stopped');
    await stepWith(page, 'Step line');
    assert.ok(await currentLine(page), 'the compiled program still steps');
    assert.deepEqual(page.problems, []);
    await page.close();
  } finally {
    await single.stop();
  }
});

test('F9 toggles breakpoints from the keyboard in the source and in the disassembly', opts, async () => {
  const page = await open();
  await compileExample(page, 'Loops');
  const line = await lineOf(page, 'printf(');
  await page.locator('.cm-line').nth(line - 1).click();
  await page.keyboard.press('F9');
  assert.deepEqual(await page.evaluate(() => globalThis.hindsight.editor.breakpointLines()), [line]);

  await page.focus('#disasm');
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown');
  const chosen = page.locator('#disasm tr.chosen');
  const address = await chosen.getAttribute('data-address');
  await page.keyboard.press('F9');
  assert.equal(await chosen.locator('td.bp').textContent(), '●');
  await stepWith(page, 'Continue');
  assert.equal(await register(page, 'rip'), address, 'the instruction breakpoint three rows down');
  await page.focus('#disasm');
  await page.locator(`#disasm tr[data-address="${address}"] td.insn`).click();
  await page.keyboard.press('F9'); // off again: it may sit in the loop
  assert.equal(await page.locator(`#disasm tr[data-address="${address}"] td.bp`).textContent(), '');
  await stepWith(page, 'Continue');
  assert.equal(await currentLine(page), line, 'then the source breakpoint');
  assert.deepEqual(page.problems, [], 'no console errors or policy violations');
  await page.close();
});
