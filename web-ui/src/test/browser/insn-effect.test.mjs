// Instruction help's "effect at this stop" (issue 14): hovering the instruction about to run says
// what it will write, computed from this stop's registers and memory; one step later the Registers
// panel holds exactly that.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sharedServerAndBrowser } from './harness.mjs';
import { click, nextStop, register, setSource, stepWith, stops } from './debugging.mjs';

const shared = sharedServerAndBrowser({ timeout: 180_000 });
const { opts, open } = shared;

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
  const page = await open();
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
  const page = await open();
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

test('in Intel syntax the hover says the same effects: a store, a load, flags, a jump, a call and a push', opts, async () => {
  const page = await open();
  await page.selectOption('#flavor', 'intel'); // no program yet: taken at the next Compile
  await setSource(page, ['int twice(int v) {', '    return v + v;', '}', 'int main(void) {', '    int x = 42;', '    int y = x + 1;',
    '    for (int i = 0; i < 3; i++)', '        y = twice(y);', '    return y;', '}', ''].join('\n'));
  const before = await stops(page);
  await click(page, 'Compile');
  await nextStop(page, before);
  const reg = async (name) => BigInt(await register(page, name));
  const next = () => page.locator('#disasm tr.current').evaluate((r) => {
    let n = r.nextElementSibling;
    while (n && !n.dataset.address) n = n.nextElementSibling;
    return BigInt(n.dataset.address);
  }).catch(() => null);

  // x = 42: a store to x's stack slot, named by its Intel operand and its address.
  await stepTo(page, /^mov\s+dword ptr \[rbp-0x[0-9a-f]+\],\s*0x2a$/i);
  const disp = BigInt(/\[rbp-(0x[0-9a-f]+)\]/.exec(await currentText(page))[1]);
  assert.equal(await effectOfCurrent(page), `[rbp-0x${disp.toString(16)}] [0x${((await reg('rbp')) - disp).toString(16)}] ← 0x2a`);

  // y = x + 1: x loaded into eax, then 1 added, setting the flags.
  await stepTo(page, /^mov\s+eax,\s*dword ptr \[rbp-0x[0-9a-f]+\]$/i);
  assert.equal(await effectOfCurrent(page), 'eax ← 0x2a');
  await stepTo(page, /^add\s+eax,\s*0x1$/);
  assert.equal(await effectOfCurrent(page), 'eax ← 0x2b; ZF ← 0; SF ← 0; CF ← 0');
  await stepWith(page, 'Step instruction');
  assert.equal((await reg('rax')) & 0xffffffffn, 0x2bn, 'the Registers panel after the add');

  // i < 3 with i = 0: cmp sets SF (0 - 3 < 0) and CF (0 < 3 unsigned); the loop's exit jump does not jump.
  await stepTo(page, /^cmp\s+dword ptr \[rbp-0x[0-9a-f]+\],\s*0x3$/i);
  assert.equal(await effectOfCurrent(page), 'ZF ← 0; SF ← 1; CF ← 1');
  await stepTo(page, /^j(ge|nl)\s/);
  assert.equal(await effectOfCurrent(page), 'does not jump (SF = 1, OF = 0)');

  // The call pushes the return address (the next instruction's), the callee's push saves rbp.
  await stepTo(page, /^call\s/);
  const rsp = await reg('rsp');
  const returnAddress = await next();
  assert.equal(await effectOfCurrent(page), `rsp ← 0x${(rsp - 8n).toString(16)}; [0x${(rsp - 8n).toString(16)}] ← 0x${returnAddress.toString(16)} (the return address)`);
  await stepTo(page, /^push\s+rbp$/);
  assert.equal(await reg('rsp'), rsp - 8n, 'the call pushed 8 bytes');
  const rbp = await reg('rbp');
  assert.equal(await effectOfCurrent(page), `rsp ← 0x${(rsp - 16n).toString(16)}; [0x${(rsp - 16n).toString(16)}] ← 0x${rbp.toString(16)}`);
  await stepWith(page, 'Step instruction');
  assert.equal(await reg('rsp'), rsp - 16n, 'the Registers panel after the push');
  assert.deepEqual(page.problems, [], 'no console errors or policy violations');
  await page.close();
});
