// The smaller defects of issue 14 (defect 8): the return value in the register its type uses,
// Restart disabled once the session moved to another page, the controls in reach at 400 px, the
// selected frame's contrast, and the AT&T/Intel switch. (Stop saying "stopped": honest-state and
// debug.test.mjs.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sharedServerAndBrowser, openPage } from './harness.mjs';
import { click, compileExample, nextStop, stepWith, stops } from './debugging.mjs';

const shared = sharedServerAndBrowser();
const { opts, open } = shared;

const returned = (page) => page.locator('#variables [data-path^="Return value/"]').evaluateAll(
  (items) => items.map((i) => i.querySelector('.name').textContent + ' = ' + i.querySelector('.value').textContent));

test('Return value shows the register the function\'s type returns in', opts, async () => {
  const page = await open();
  await compileExample(page, 'Recursion'); // unsigned long factorial(unsigned n)
  await stepWith(page, 'Step line');
  await stepWith(page, 'Step out');
  await page.waitForFunction(() => document.querySelector('#variables [data-path^="Return value/"]'));
  assert.deepEqual(await returned(page), ['factorial (rax) = 120']);
  await compileExample(page, 'Floating point'); // double average(const double *xs, int n)
  await stepWith(page, 'Step over');
  await stepWith(page, 'Step over');
  await stepWith(page, 'Step line'); // into average
  assert.match(await page.locator('#stack li').first().innerText(), /^average/);
  await stepWith(page, 'Step out');
  await page.waitForFunction(() => document.querySelector('#variables [data-path^="Return value/"]'));
  // (1.5 + 2.25 + 3.0 + 4.125) / 4
  assert.deepEqual(await returned(page), ['average (xmm0) = 2.71875']);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('Restart is disabled once the session moved to another page', opts, async () => {
  const first = await open();
  await compileExample(first, 'Loops');
  assert.ok(await first.locator('#restart').isEnabled());
  // The same tab's session, opened elsewhere with its secret (as a reload in another window would).
  const storage = await first.evaluate(() => Object.entries(sessionStorage));
  const second = await openPage(shared.browser, first.url(), undefined, (p) => p.addInitScript((entries) => {
    for (const [k, v] of entries) sessionStorage.setItem(k, v);
  }, storage));
  await nextStop(second, 0);
  await first.waitForFunction(() => /opened in another page/.test(document.querySelector('#status').textContent));
  assert.ok(await first.locator('#restart').isDisabled(), 'Restart can do nothing here any more');
  assert.ok(await first.locator('#stepInstruction').isDisabled());
  assert.ok(await second.locator('#restart').isEnabled());
  await first.close();
  await second.close();
});

test('at 400 px the debugging controls stay in reach when the panels are scrolled', opts, async () => {
  const page = await open({ width: 400, height: 800 });
  await compileExample(page, 'Loops');
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  assert.ok(await page.evaluate(() => window.scrollY) > 400, 'the page did scroll');
  const reachable = await page.evaluate(() => ['stepLine', 'continue', 'stop'].map((id) => {
    const r = document.getElementById(id).getBoundingClientRect();
    return r.top >= 0 && r.bottom <= innerHeight && document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2) === document.getElementById(id);
  }));
  assert.deepEqual(reachable, [true, true, true]);
  await stepWith(page, 'Step line');
  await page.close();
});

/** WCAG 2 contrast ratio of two computed CSS colours (rgb/rgba, opaque). */
function contrast(a, b) {
  const lum = (c) => {
    const [r, g, bl] = c.match(/[\d.]+/g).slice(0, 3).map((v) => {
      const s = Number(v) / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

test('the selected call-stack frame\'s location has at least 4.5:1 contrast, light and dark', opts, async () => {
  const page = await open();
  await compileExample(page, 'Recursion');
  for (const scheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme: scheme });
    const colours = await page.evaluate(() => {
      const item = document.querySelector('#stack li[aria-current="true"]');
      return { fg: getComputedStyle(item.querySelector('.subtle')).color, bg: getComputedStyle(item).backgroundColor };
    });
    assert.doesNotMatch(colours.bg, /rgba\(.*, 0\)/, 'the selected frame has its own background');
    const ratio = contrast(colours.fg, colours.bg);
    assert.ok(ratio >= 4.5, `${scheme}: ${colours.fg} on ${colours.bg} is ${ratio.toFixed(2)}:1`);
  }
  await page.close();
});

test('the disassembly switches between AT&T and Intel syntax', opts, async () => {
  const page = await open();
  await compileExample(page, 'Loops');
  const listing = () => page.locator('#disasm td.insn').allTextContents();
  assert.ok((await listing()).some((i) => /^push\s+%rbp$/.test(i)), 'AT&T: push %rbp');
  const before = await stops(page);
  await page.selectOption('#flavor', 'intel');
  await nextStop(page, before);
  await page.waitForSelector('#disasm tr.current');
  const intel = await listing();
  assert.ok(intel.some((i) => /^push\s+rbp$/.test(i)), `Intel: push rbp in ${intel.slice(0, 4)}`);
  assert.ok(intel.some((i) => /^mov\s+rbp, rsp$/.test(i)), 'Intel: destination first');
  assert.ok(!intel.some((i) => i.includes('%')), 'no AT&T register names left');
  // Kept for the next Compile too.
  await compileExample(page, 'Loops');
  assert.ok((await listing()).some((i) => /^push\s+rbp$/.test(i)));
  assert.deepEqual(page.problems, []);
  await page.close();
});
