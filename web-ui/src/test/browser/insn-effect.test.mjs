// Instruction help's "effect at this stop" (issue 14): hovering the instruction about to run says
// what it will write, computed from this stop's registers and memory; one step later the Registers
// panel holds exactly that.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, startBrowser, openPage, engineBuilt } from './harness.mjs';
import { click, nextStop, register, setSource, stepWith, stops } from './debugging.mjs';

const skip = engineBuilt() ? false : 'the DAP engine (dap-server) is not built';
const opts = { skip, timeout: 180_000 };
let server;
let browser;
before(async () => { if (!skip) { server = await startServer(); browser = await startBrowser(); } });
after(async () => { await browser?.close(); await server?.stop(); });

const currentText = (page) => page.locator('#disasm tr.current td.insn').textContent();

/** Steps instructions until the current one matches `re` (bounded). */
async function stepTo(page, re) {
  for (let i = 0; i < 30 && !re.test(await currentText(page)); i++) await stepWith(page, 'Step instruction');
  assert.match(await currentText(page), re);
}

async function effectOfCurrent(page) {
  await page.mouse.move(0, 0);
  await page.hover('#disasm tr.current td.insn');
  const effect = page.locator('#insnTip p.effect');
  await effect.waitFor({ timeout: 30_000 });
  return (await effect.textContent()).replace(/^At this stop: /, '');
}

test('the current instruction\'s hover says the value it writes; after the step the register holds it', opts, async () => {
  const page = await openPage(browser, server.url);
  await setSource(page, ['int main(void) {', '    int x = 42;', '    int y = x + 1;', '    return y;', '}', ''].join('\n'));
  const before = await stops(page);
  await click(page, 'Compile');
  await nextStop(page, before);

  await stepTo(page, /movl\s+\$0x2a,\s*-0x[0-9a-f]+\(%rbp\)/);
  const store = await effectOfCurrent(page);
  const disp = BigInt(/-(0x[0-9a-f]+)\(%rbp\)/.exec(await currentText(page))[1]);
  const rbp = BigInt(await register(page, 'rbp'));
  assert.equal(store, `-${'0x' + disp.toString(16)}(%rbp) [0x${(rbp - disp).toString(16)}] ← 0x2a`);

  await stepTo(page, /add[l]?\s+\$0x1,\s*%eax/);
  const rax = BigInt(await register(page, 'rax'));
  const add = await effectOfCurrent(page);
  const expected = ((rax & 0xffffffffn) + 1n) & 0xffffffffn;
  assert.equal(expected, 0x2bn, 'x was loaded into eax');
  assert.equal(add, 'eax ← 0x2b; ZF ← 0; SF ← 0; CF ← 0');
  await stepWith(page, 'Step instruction');
  assert.equal(BigInt(await register(page, 'rax')) & 0xffffffffn, 0x2bn, 'the Registers panel after the step');
  assert.deepEqual(page.problems, [], 'no console errors or policy violations');
  await page.close();
});

test('a conditional jump says whether it jumps, and the step goes where it said', opts, async () => {
  const page = await openPage(browser, server.url);
  await setSource(page, ['int main(void) {', '    int sum = 0;', '    for (int i = 0; i < 3; i++)', '        sum += i;', '    return sum;', '}', ''].join('\n'));
  const before = await stops(page);
  await click(page, 'Compile');
  await nextStop(page, before);
  await stepTo(page, /^j(ge|l|nl|nge)\s/);
  const said = await effectOfCurrent(page);
  const row = page.locator('#disasm tr.current');
  const next = await row.evaluate((r) => {
    let n = r.nextElementSibling;
    while (n && !n.dataset.address) n = n.nextElementSibling;
    return n.dataset.address;
  });
  const target = /0x[0-9a-f]+/.exec(await currentText(page).then((t) => t.replace(/^\S+\s+/, '')))[0];
  // i = 0 against 3: i < 3 holds, so the loop body runs.
  const jge = /^j(ge|nl)\s/.test(await currentText(page));
  assert.match(said, jge ? /^does not jump \(SF = 1, OF = 0\)$/ : /^jumps \(SF = 1, OF = 0\)$/);
  await stepWith(page, 'Step instruction');
  const now = await page.locator('#disasm tr.current').getAttribute('data-address');
  assert.equal(BigInt(now), BigInt(said.startsWith('jumps') ? target : next));
  assert.deepEqual(page.problems, []);
  await page.close();
});
