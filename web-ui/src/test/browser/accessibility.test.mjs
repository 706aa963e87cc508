// Accessibility (issue 14): every debugging control is reached with Tab, in the toolbar's order,
// and every visible text keeps a contrast of at least 4.5:1 (WCAG AA) in light and dark.
// (At 400 px the controls also stay in reach while the panels scroll: details.test.mjs.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sharedServerAndBrowser } from './harness.mjs';
import { compileExample, stepWith } from './debugging.mjs';
import { contrast, visibleTexts } from './contrast.mjs';

const shared = sharedServerAndBrowser({ timeout: 180_000 });
const { opts, open } = shared;

for (const width of [1280, 400]) {
  test(`Tab reaches every toolbar button and control, in the toolbar's order (${width} px)`, opts, async () => {
    const page = await open({ width, height: 800 });
    await compileExample(page, 'Loops');
    const wanted = await page.locator('header.bar :is(button, select, input), nav.controls :is(button, select, input)')
      .evaluateAll((all) => all.filter((e) => !e.disabled && e.getClientRects().length > 0).map((e) => e.id));
    assert.ok(wanted.includes('stepInstruction') && wanted.includes('continue') && wanted.includes('compile'), wanted.join(' '));
    // From the first control on: Tab order is what follows it.
    await page.focus(`#${wanted[0]}`);
    const reached = [wanted[0]];
    for (let i = 0; i < 60 && reached.length < 200; i++) {
      await page.keyboard.press('Tab');
      const id = await page.evaluate(() => document.activeElement?.id ?? '');
      if (id === 'stdin' || reached.includes(id)) break;
      reached.push(id);
    }
    const inOrder = reached.filter((id) => wanted.includes(id));
    assert.deepEqual(inOrder, wanted, `reached by Tab: ${reached.join(' ')}`);
    // Each control reached is on screen when it has the focus (a narrow page scrolls it into view).
    for (const id of wanted) {
      await page.focus(`#${id}`);
      const box = await page.locator(`#${id}`).boundingBox();
      assert.ok(box && box.x >= 0 && box.x + box.width <= width + 1 && box.y >= 0 && box.y < 800, `#${id} in view: ${JSON.stringify(box)}`);
    }
    assert.deepEqual(page.problems, []);
    await page.close();
  });
}

for (const scheme of ['light', 'dark']) {
  test(`every visible text has at least 4.5:1 contrast (${scheme})`, opts, async () => {
    const page = await open({ width: 1600, height: 1000 }, (p) => p.emulateMedia({ colorScheme: scheme }));
    await compileExample(page, 'Recursion');
    await stepWith(page, 'Step line');
    const texts = await visibleTexts(page);
    assert.ok(texts.length > 50, `texts found: ${texts.length}`);
    const poor = texts.map((t) => ({ ...t, ratio: contrast(t.fg, t.bg) })).filter((t) => t.ratio < 4.5);
    assert.deepEqual(poor.map((t) => `${t.what} "${t.text}": ${t.fg} on ${t.bg} = ${t.ratio.toFixed(2)}:1`), []);
    assert.deepEqual(page.problems, []);
    await page.close();
  });
}
