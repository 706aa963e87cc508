// "My code only" stepping on the page (the page launches with justMyCode): stepping never stops
// in the C library or the loader; stepping out of main ends the program.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sharedServerAndBrowser } from './harness.mjs';
import { click, currentLine, lineOf, nextStop, setSource, stepWith, stops } from './debugging.mjs';

const shared = sharedServerAndBrowser();
const { opts, open } = shared;

const SOURCE = `#include <stdio.h>
#include <stdlib.h>

static int compare(const void *a, const void *b) {
    int x = *(const int *)a; // in compare
    int y = *(const int *)b;
    return (x > y) - (x < y);
}

int main(void) {
    int v[3] = {3, 1, 2};
    puts("sorting");
    qsort(v, 3, sizeof v[0], compare); // sort
    return v[0] - 1;
}
`;

async function compiled(page) {
  await setSource(page, SOURCE);
  const before = await stops(page);
  await click(page, 'Compile');
  await nextStop(page, before);
}

test('step out of main ends the program instead of stopping in __libc_start_call_main', opts, async () => {
  const page = await open();
  await compiled(page);
  const before = await stops(page);
  await click(page, 'Step out');
  await page.waitForFunction((n) => /exited with code 0/.test(document.querySelector('#output').textContent)
    || Number(document.body.dataset.stops ?? 0) > n, before, { timeout: 90_000 });
  assert.doesNotMatch(await page.locator('#stack').innerText(), /__libc_start_call_main/);
  assert.match(await page.textContent('#output'), /exited with code 0/);
  assert.equal(await stops(page), before, 'no stop after main');
  assert.deepEqual(page.problems, [], 'no console errors or policy violations');
  await page.close();
});

test('step line over puts stays in main; over qsort it stops in the comparator qsort calls back', opts, async () => {
  const page = await open();
  await compiled(page);
  for (let k = 0; k < 5 && await currentLine(page) !== await lineOf(page, '// sort'); k++) await stepWith(page, 'Step line');
  assert.equal(await currentLine(page), await lineOf(page, '// sort'), 'stepped over puts to the qsort line');
  await stepWith(page, 'Step line');
  assert.equal(await currentLine(page), await lineOf(page, '// in compare'));
  assert.match(await page.locator('#stack li').first().innerText(), /compare/);
  assert.deepEqual(page.problems, [], 'no console errors or policy violations');
  await page.close();
});

test('auto-step never stops in libc, a PLT stub or the loader: it steps out of them to the program code', { ...opts, timeout: 400_000 }, async () => {
  const page = await open();
  await compiled(page);
  await page.selectOption('#speed', { index: (await page.locator('#speed option').count()) - 1 });
  await page.evaluate(() => {
    const d = globalThis.hindsight.dbg;
    const shown = d.ui.stopped.bind(d.ui);
    globalThis.autoStops = [];
    d.ui.stopped = (stop) => {
      const top = stop.frames?.[0];
      globalThis.autoStops.push(top?.source?.path ? `own ${top.name}` : `other ${top?.name}`);
      return shown(stop);
    };
  });
  await click(page, 'Auto-step');
  await page.waitForFunction(() => /exited with code 0/.test(document.querySelector('#output').textContent), null, { timeout: 360_000 });
  const seen = await page.evaluate(() => globalThis.autoStops);
  assert.ok(seen.length > 20, `auto-step stepped the program: ${seen.length} stops`);
  assert.deepEqual(seen.filter((s) => !s.startsWith('own')), [], 'every stop in the program code');
  assert.ok(seen.some((s) => s === 'own compare'), 'the comparator qsort calls back was stepped through');
  assert.match(await page.textContent('#output'), /sorting/);
  await page.close();
});
