// "Waiting for input" (issue 14): while the program runs blocked reading its terminal, the banner
// says so and the input line is lit and focused; a typed line lets it go on to its end.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sharedServerAndBrowser } from './harness.mjs';
import { click, nextStop, setSource, stops } from './debugging.mjs';

const shared = sharedServerAndBrowser();
const { opts, open } = shared;

const bannerMatches = (page, re) => page.waitForFunction((s) => new RegExp(s).test(document.querySelector('#status').textContent), re.source);

test('a program reading a line: "waiting for input" after Continue, then its output and its end', opts, async () => {
  const page = await open();
  await setSource(page, [
    '#include <stdio.h>',
    'int main(void) {',
    '    char name[64];',
    '    printf("name? ");',
    '    fflush(stdout);',
    '    if (!fgets(name, sizeof name, stdin)) return 1;',
    '    printf("hello, %s", name);',
    '    return 0;',
    '}',
    ''].join('\n'));
  const before = await stops(page);
  await click(page, 'Compile');
  await nextStop(page, before);
  assert.doesNotMatch(await page.textContent('#status'), /waiting for input/i, 'stopped at entry: not waiting');
  await click(page, 'Continue');
  await bannerMatches(page, /Running — waiting for input: type a line below/);
  assert.ok(await page.$eval('#stdinForm', (f) => f.classList.contains('waiting')), 'the input line is lit');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'stdin', 'the input line has the focus');
  await page.keyboard.type('Ada');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => /hello, Ada\n/.test(document.querySelector('#output').textContent));
  await bannerMatches(page, /Ended with code 0/);
  assert.ok(!(await page.$eval('#stdinForm', (f) => f.classList.contains('waiting'))), 'no longer lit once it ended');
  assert.deepEqual(page.problems, [], 'no console errors or policy violations');
  await page.close();
});
