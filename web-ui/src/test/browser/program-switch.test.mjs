// Nothing of one program leaks into the next: watches, highlighted lines and instructions, and the
// Example menu after a reload (issue 14, defect 6).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sharedServerAndBrowser } from './harness.mjs';
import { compileExample, lineOf, stepWith } from './debugging.mjs';

const shared = sharedServerAndBrowser();
const { opts, open } = shared;

const highlighted = (page) => page.evaluate(() => ({
  instructions: document.querySelectorAll('#disasm tr.current, #disasm tr.related, #disasm tr.frame').length,
  lines: document.querySelector('#editor').shadowRoot.querySelectorAll('.cm-current-line, .cm-related-line, .cm-frame-line').length,
}));

test('another example starts without the last one\'s watches and highlighted lines or instructions', opts, async () => {
  const page = await open();
  await compileExample(page, 'Loops');
  await page.fill('#watchExpression', 'sum');
  await page.press('#watchExpression', 'Enter');
  await page.waitForFunction(() => document.querySelector('#variables [data-path="Watch/sum"]'));
  // The learner selects a line: its instructions are highlighted with the current one.
  const line = await lineOf(page, 'for (int i');
  await page.locator('.cm-line').nth(line - 1).click();
  await page.waitForFunction(() => document.querySelectorAll('#disasm tr.related').length > 0);
  await stepWith(page, 'Step line');
  await page.selectOption('#example', { label: 'Recursion' });
  assert.deepEqual(await highlighted(page), { instructions: 0, lines: 0 }, 'nothing of Loops highlighted over Recursion');
  assert.ok(await page.locator('#compile').isEnabled());
  await compileExample(page, 'Recursion');
  assert.equal(await page.locator('#variables [data-path^="Watch/"]').count(), 0, 'the watch of sum is gone');
  // Only the new stop is highlighted: one line, one instruction, nothing related to an old selection.
  assert.deepEqual(await highlighted(page), { instructions: 1, lines: 1 });
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('after a reload the Example menu names the example whose code is shown', opts, async () => {
  const page = await open();
  await page.selectOption('#example', { label: 'Pointers and structs' });
  await page.reload();
  await page.waitForSelector('.cm-editor');
  await page.waitForFunction(() => /struct person/.test(globalThis.hindsight.editor.text));
  assert.equal(await page.locator('#example option:checked').textContent(), 'Pointers and structs');
  // Also once it ran: the reload reattaches to its session.
  await compileExample(page, 'Floating point');
  await page.reload();
  await page.waitForFunction(() => /double average/.test(globalThis.hindsight.editor.text));
  assert.equal(await page.locator('#example option:checked').textContent(), 'Floating point');
  assert.deepEqual(page.problems, []);
  await page.close();
});
