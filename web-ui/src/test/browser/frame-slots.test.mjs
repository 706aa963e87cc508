// The stack-frame picture (issue 14): at a breakpoint in a called function the Memory panel names
// the slots of its frame: the return address (with its caller, checked against the listing: the
// instruction before it is main's call) and a local, whose bytes equal the Variables panel's value.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sharedServerAndBrowser } from './harness.mjs';
import { click, currentLine, lineOf, nextStop, setSource, stepWith, stops, toggleBreakpoint } from './debugging.mjs';

const shared = sharedServerAndBrowser({ timeout: 180_000 });
const { opts, open } = shared;

/** The Memory panel row labelled with `re`: its address and its 8 bytes as a little-endian number. */
async function slot(page, re) {
  const handle = await page.waitForFunction((s) => [...document.querySelectorAll('#memory [data-address]')]
    .find((r) => new RegExp(s).test(r.querySelector('.slot')?.textContent ?? '')), re.source, { timeout: 30_000 });
  return handle.evaluate((row) => {
    const bytes = row.textContent.slice(row.querySelector('.addr').textContent.length).trim().split(' ').slice(0, 8);
    return { address: row.dataset.address, value: `0x${bytes.reverse().join('')}`, label: row.querySelector('.slot').textContent };
  });
}

test('at a breakpoint in a callee the Memory panel names its return address and its local', opts, async () => {
  const page = await open();
  await setSource(page, [
    'long square(long n) {',
    '    long result = n * n;',
    '    return result; // stop here',
    '}',
    'int main(void) {',
    '    long total = square(12);',
    '    return (int)total;',
    '}',
    ''].join('\n'));
  const before = await stops(page);
  await click(page, 'Compile');
  await nextStop(page, before);
  const line = await lineOf(page, '// stop here');
  await toggleBreakpoint(page, line);
  await stepWith(page, 'Continue');
  assert.equal(await currentLine(page), line);

  const ret = await slot(page, /return to main\+\d+/);
  const offset = BigInt(/main\+(\d+)/.exec(ret.label)[1]);
  // The listing (objdump-like, independent of the label) has an instruction at the return address,
  // right after main's call, and main's first instruction `offset` bytes before it.
  const at = page.locator(`#disasm tr[data-address="0x${BigInt(ret.value).toString(16)}"]`);
  assert.equal(await at.count(), 1, `an instruction at the return address ${ret.value}`);
  const previous = await at.evaluate((row) => {
    let p = row.previousElementSibling;
    while (p && !p.dataset.address) p = p.previousElementSibling;
    return p.querySelector('td.insn').textContent;
  });
  assert.match(previous, /^call/);
  assert.match(await at.locator('td.off').textContent(), new RegExp(`<\\+${offset}>`));

  const local = await slot(page, /^result \(local of square\)|, result \(local of square\)/);
  assert.match(await page.locator('#variables').innerText(), /\bresult = 144\b/);
  assert.equal(BigInt(local.value), 144n, 'the slot holds the Variables panel\'s value');
  assert.deepEqual(page.problems, [], 'no console errors or policy violations');
  await page.close();
});
