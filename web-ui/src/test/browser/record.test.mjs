// The learner's page's Record switch: Compile with Record on records the run (confined, as every
// program of the page), indexes it and opens it with the reverse controls, so a loop can be
// stepped backwards as easily as forwards. The Loops example's values are known by hand.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sharedServerAndBrowser } from './harness.mjs';
import { click, currentLine, lineOf, stepWith, stops } from './debugging.mjs';

const shared = sharedServerAndBrowser({ timeout: 420_000 });
const { opts, open } = shared;

const variables = (page) => page.locator('#variables').innerText();

test('Record: the Loops example is recorded, indexed and stepped backwards through its loop', opts, async () => {
  const page = await open();
  await page.selectOption('#example', { label: 'Loops' });
  assert.equal(await page.locator('#reverseControls').isHidden(), true, 'no reverse controls on a live program');
  await page.check('#record');
  const before = await stops(page);
  await click(page, 'Compile');
  // Recording and indexing a short run takes seconds; a loaded machine takes longer.
  await page.waitForFunction((n) => Number(document.body.dataset.stops ?? 0) > n, before, { timeout: 300_000 });
  assert.equal(await page.locator('#reverseControls').isHidden(), false, 'the recording opened with the reverse controls');
  const output = await page.locator('#output').innerText();
  assert.match(output, /sum=55 steps=111/, 'the recorded run printed while it was recorded');
  assert.match(output, /Indexed [\d,]+ instructions/);

  const body = await lineOf(page, 'sum += i;');
  // Forwards into the loop's third iteration: sum is 0+1+2 = 3 when its body runs with i = 3.
  while (!((await currentLine(page)) === body && /\bi = 3\b/.test(await variables(page)))) await stepWith(page, 'Step over');
  assert.match(await variables(page), /\bsum = 3\b/);
  // Backwards, line by line, to the second iteration's body: i = 2, sum = 1.
  await stepWith(page, 'Reverse step over');
  await stepWith(page, 'Reverse step over');
  assert.equal(await currentLine(page), body, 'back at the loop body');
  assert.match(await variables(page), /\bi = 2\b/);
  assert.match(await variables(page), /\bsum = 1\b/);
  assert.deepEqual(page.problems, [], 'no console errors or policy violations');
  await page.close();
});

test('Record: an endless program is refused with its reason, and the next Compile works', opts, async () => {
  const page = await open();
  await page.selectOption('#example', { label: 'Loops' });
  await page.evaluate(() => globalThis.hindsight.editor.setText('int main(void) { volatile unsigned long n = 0; for (;;) n++; }\n'));
  await page.check('#record');
  await click(page, 'Compile');
  await page.waitForFunction(() => /Cannot record the run: the program used more than 2 s of CPU time/.test(document.querySelector('#output').innerText),
    null, { timeout: 120_000 });
  await page.selectOption('#example', { label: 'Loops' });
  await page.uncheck('#record');
  const before = await stops(page);
  await click(page, 'Compile');
  await page.waitForFunction((n) => Number(document.body.dataset.stops ?? 0) > n, before, { timeout: 90_000 });
  assert.equal(await page.locator('#reverseControls').isHidden(), true, 'a live program again');
  await page.close();
});

test('Record: a prompt without a newline shows before input is typed (the recorded run has the live run\'s terminal)', opts, async () => {
  const page = await open();
  await page.selectOption('#example', { label: 'Loops' });
  await page.evaluate(() => globalThis.hindsight.editor.setText([
    '#include <stdio.h>',
    '#include <unistd.h>',
    'int main(void) {',
    '    char name[32] = "";',
    '    int terminal = isatty(0);',
    '    printf("name? ");',
    '    if (scanf("%31s", name) != 1) return 1;',
    '    printf("hello %s (terminal %d)\\n", name, terminal);',
    '    return 0;',
    '}',
    ''].join('\n')));
  await page.check('#record');
  const before = await stops(page);
  await click(page, 'Compile');
  // On a pipe stdio would hold the prompt until the program ended, and it waits for the answer.
  await page.waitForFunction(() => document.querySelector('#output').innerText.includes('name?'), null, { timeout: 120_000 });
  assert.doesNotMatch(await page.locator('#output').innerText(), /hello/);
  await page.fill('#stdin', 'Ada');
  await page.press('#stdin', 'Enter');
  await page.waitForFunction((n) => Number(document.body.dataset.stops ?? 0) > n, before, { timeout: 300_000 });
  assert.equal(await page.locator('#reverseControls').isHidden(), false, 'the recording opened with the reverse controls');
  // The terminal echoed the typed line after the prompt; the program saw a terminal.
  assert.match(await page.locator('#output').innerText(), /name\? Ada\nhello Ada \(terminal 1\)\n/);
  assert.deepEqual(page.problems, [], 'no console errors or policy violations');
  await page.close();
});
