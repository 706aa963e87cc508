// The program runs on a terminal of its own (issue 14, defect 3): its output shows at the line that
// printed it, not at exit, and the input line is a terminal's: echoed, read a line at a time, ^D or
// the EOF button ends input. Under the server's default confinement.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sharedServerAndBrowser } from './harness.mjs';
import { click, currentLine, lineOf, nextStop, setSource, stepWith, stops, toggleBreakpoint } from './debugging.mjs';

const shared = sharedServerAndBrowser();
const { opts, open } = shared;

const outputText = (page) => page.textContent('#output');
const waitForOutput = (page, re) => page.waitForFunction((s) => new RegExp(s).test(document.querySelector('#output').textContent), re.source);

async function start(page, lines) {
  await setSource(page, lines.join('\n'));
  const before = await stops(page);
  await click(page, 'Compile');
  await nextStop(page, before);
}

test('output printed before a breakpoint shows while the program is stopped there', opts, async () => {
  const page = await open();
  await start(page, [
    '#include <stdio.h>',
    '#include <unistd.h>',
    'int main(void) {',
    '    printf("a terminal: %d\\n", isatty(1));',
    '    puts("second line");',
    '    printf("no newline yet");',
    '    return 0; // stop here',
    '}',
    '']);
  const line = await lineOf(page, '// stop here');
  await toggleBreakpoint(page, line);
  await stepWith(page, 'Continue');
  assert.equal(await currentLine(page), line);
  // Line-buffered on a terminal: the two whole lines are out, the unfinished one is not (as in a shell).
  await waitForOutput(page, /a terminal: 1\nsecond line\n/);
  assert.doesNotMatch(await outputText(page), /no newline yet/);
  assert.doesNotMatch(await outputText(page), /\r/, 'the terminal\'s CR LF shown as one line break');
  await click(page, 'Continue');
  await waitForOutput(page, /no newline yet/);
  await waitForOutput(page, /exited with code 0/);
  assert.deepEqual(page.problems, [], 'no console errors or policy violations');
  await page.close();
});

test('a typed line is echoed once and read; ^D and the EOF button end input', opts, async () => {
  const page = await open();
  await start(page, [
    '#include <stdio.h>',
    'int main(void) {',
    '    char line[64];',
    '    for (int round = 1; round <= 2; round++) {',
    '        while (fgets(line, sizeof line, stdin)) printf("read: %s", line);',
    '        printf("end of input %d\\n", round);',
    '        clearerr(stdin);',
    '    }',
    '    return 0;',
    '}',
    '']);
  await click(page, 'Continue');
  await page.fill('#stdin', 'Ada');
  await page.press('#stdin', 'Enter');
  await waitForOutput(page, /read: Ada\n/);
  // The terminal echoes the typed line: it shows once, before the program's answer.
  assert.equal((await outputText(page)).split('Ada').length - 1, 2, await outputText(page));
  assert.match(await outputText(page), /Ada\nread: Ada\n/);
  await page.press('#stdin', 'Control+d');
  await waitForOutput(page, /end of input 1\n/);
  await page.fill('#stdin', 'Grace');
  await page.press('#stdin', 'Enter');
  await waitForOutput(page, /read: Grace\n/);
  await click(page, 'EOF');
  await waitForOutput(page, /end of input 2\n/);
  await waitForOutput(page, /exited with code 0/);
  assert.deepEqual(page.problems, [], 'no console errors or policy violations');
  await page.close();
});
