// The Disassembly panel as a learner's listing: the program's own functions whole by default,
// library code behind a switch, source lines and their instructions sharing a tint, and help on
// hovering an instruction (what it does; which variable a stack operand is).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sharedServerAndBrowser } from './harness.mjs';
import { compileExample, lineOf, stepWith } from './debugging.mjs';

const shared = sharedServerAndBrowser({ timeout: 180_000 });
const { opts, open } = shared;

const rows = (page) => page.locator('#disasm tr[data-address]');
const headers = (page) => page.locator('#disasm tr.sym').allTextContents();

test('the listing shows the program’s own functions, each ending where it ends', opts, async () => {
  const page = await open();
  await compileExample(page, 'Recursion');
  assert.deepEqual((await headers(page)).sort(), ['<factorial>:', '<fib>:', '<main>:']);
  const texts = await rows(page).locator('td.insn').allTextContents();
  assert.ok(texts.length > 10, `${texts.length} instructions`);
  assert.ok(!texts.some((t) => /add\s+%al,\(%rax\)/.test(t)), 'no padding decoded as instructions');
  // Each function's last instruction is its ret (objdump's listing of the same code ends there too).
  const lastOfEach = await page.evaluate(() => {
    const out = [];
    let last = null;
    for (const tr of document.querySelectorAll('#disasm tr')) {
      if (tr.classList.contains('sym') && last) out.push(last);
      if (tr.dataset.address) last = tr.querySelector('td.insn').textContent;
    }
    out.push(last);
    return out;
  });
  assert.deepEqual(lastOfEach.map((t) => t.trim().split(/\s+/)[0]), ['ret', 'ret', 'ret']);
  assert.equal(await page.locator('#disasm tr.current').count(), 1, 'the pc is in main, listed');
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('an assembly program is listed from main to its last instruction, never into _fini', opts, async () => {
  const page = await open();
  await compileExample(page, 'x86-64 assembly');
  assert.deepEqual(await headers(page), ['<main>:', '<loop>:']);
  const texts = await rows(page).locator('td.insn').allTextContents();
  assert.match(texts.at(-1), /^ret/);
  assert.equal(await page.locator('#disasm tr.current').count(), 1);
  await page.close();
});

test('library code is shown only with the switch on; otherwise the panel says where the program is', opts, async () => {
  const page = await open();
  await compileExample(page, 'Hello, world');
  assert.equal(await page.locator('#disasm p.notice').count(), 0, 'in main: no notice');
  // Step instructions until the call to puts went to its PLT entry.
  for (let i = 0; i < 12 && !(await page.locator('#disasm p.notice').count()); i++) await stepWith(page, 'Step instruction');
  assert.match(await page.locator('#disasm p.notice').textContent(), /in library code: <puts@plt>/i);
  assert.deepEqual(await headers(page), ['<main>:'], 'still the program only');
  // main's frame, which called puts, stays marked in the listing.
  assert.match(await page.locator('#disasm tr.frame td.off').getAttribute('title'), /^main\+\d+$/);
  await page.getByLabel('Show library code').check();
  await page.waitForSelector('#disasm tr.current');
  assert.ok((await headers(page)).includes('<puts@plt>:'), `the PLT entry by name: ${await headers(page)}`);
  assert.match(await page.locator('#disasm tr.current td.off').getAttribute('title'), /^puts@plt/);
  assert.equal(await page.locator('#disasm p.notice').count(), 0);
  await page.getByLabel('Show library code').uncheck();
  await page.waitForSelector('#disasm p.notice');
  assert.deepEqual(await headers(page), ['<main>:']);
  await page.close();
});

/** WCAG contrast of two "rgb(r, g, b)" colours. */
function contrast(a, b) {
  const lum = (c) => {
    const [r, g, bl] = c.match(/[\d.]+/g).slice(0, 3).map(Number).map((v) => v / 255)
      .map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

for (const scheme of ['light', 'dark']) {
  test(`a source line and its instructions share a tint, readable (${scheme})`, opts, async () => {
    const page = await open();
    await page.emulateMedia({ colorScheme: scheme });
    await compileExample(page, 'Loops');
    const sumLine = await lineOf(page, 'sum += i');
    const rowsOfLine = page.locator(`#disasm tr[data-address][data-line="${sumLine}"]`);
    assert.ok(await rowsOfLine.count() >= 2, 'sum += i has instructions');
    const bg = (loc) => loc.evaluate((e) => getComputedStyle(e).backgroundColor);
    const tint = await bg(rowsOfLine.first());
    assert.notEqual(tint, 'rgba(0, 0, 0, 0)', 'the instructions are tinted');
    for (let i = 0; i < await rowsOfLine.count(); i++) assert.equal(await bg(rowsOfLine.nth(i)), tint);
    // The line's text heads its instructions, in the same tint.
    const heading = page.locator(`#disasm tr.src[data-src-line="${sumLine}"]`);
    assert.match(await heading.textContent(), /sum \+= i;/);
    assert.equal(await bg(heading.first()), tint);
    // The editor's line has it too; a neighbouring line with code has another.
    const editorLine = page.locator('.cm-line').nth(sumLine - 1);
    assert.equal(await bg(editorLine), tint);
    const next = page.locator(`#disasm tr[data-address][data-line="${sumLine - 1}"]`).first();
    assert.notEqual(await bg(next), tint, 'neighbouring lines differ');
    // Every text in a tinted row keeps a contrast of 4.5:1 at least.
    const cells = await page.evaluate(() => [...document.querySelectorAll('#disasm tr[class*="tint-"] :is(td, span)')]
      .filter((e) => [...e.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim()))
      .map((e) => {
        const row = e.closest('tr');
        return { text: e.textContent, color: getComputedStyle(e).color, bg: getComputedStyle(row).backgroundColor,
          current: row.classList.contains('current') || row.classList.contains('related') };
      }));
    let checked = 0;
    for (const c of cells) {
      if (c.current) continue; // the current instruction's own highlight is not a tint
      assert.ok(contrast(c.color, c.bg) >= 4.5, `${c.text}: ${c.color} on ${c.bg} is ${contrast(c.color, c.bg).toFixed(2)}:1`);
      checked++;
    }
    assert.ok(checked > 20, `${checked} cells`);
    await page.screenshot({ path: `target/listing-${scheme}.png` });
    if (scheme === 'light') {
      // A program that does not compile has no instructions: no line keeps an old tint.
      await page.evaluate(() => globalThis.hindsight.editor.setText('int main(void) {\n    return missing;\n}\n'));
      await page.getByRole('button', { name: 'Compile', exact: true }).click();
      await page.waitForFunction(() => /Compile failed|error/i.test(document.querySelector('#status').textContent));
      assert.equal(await page.locator('.cm-line[class*="tint-"]').count(), 0);
    }
    await page.close();
  });
}

test('hovering an instruction explains it and names the variable of a stack operand', opts, async () => {
  const page = await open();
  await compileExample(page, 'Loops');
  // `int sum = 0;` is one store of 0 into sum's slot: whatever the offset, the slot is sum.
  const line = await lineOf(page, 'int sum = 0');
  const row = page.locator(`#disasm tr[data-address][data-line="${line}"]`).first();
  assert.match(await row.locator('td.insn').textContent(), /^mov/);
  await row.hover();
  const tip = page.getByRole('tooltip');
  await tip.waitFor({ state: 'visible' });
  const text = await tip.textContent();
  assert.match(text, /^movl?: Copies the source operand into the destination/);
  assert.match(text, /-0x[0-9a-f]+\(%rbp\) is the variable sum/);
  // A conditional jump says which flags it tests.
  const jump = page.locator('#disasm tr[data-address] td.insn', { hasText: /^j(le|l|g|ge|ne|e)\s/ }).first();
  await jump.hover();
  assert.match(await tip.textContent(), /Jumps to the target if the last comparison found .*\((SF|ZF)/);
  await page.mouse.move(0, 0);
  await tip.waitFor({ state: 'hidden' });
  await page.close();
});
