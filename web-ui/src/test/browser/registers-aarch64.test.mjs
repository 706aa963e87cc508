// The Registers panel's code fed what an AArch64 server sends (issue 16): x0-x30, sp, pc and cpsr
// with its decoded flags, as DAP's Registers scope lists them, recorded once from a stop in the arm64
// guest (fixtures/aarch64-registers.json: RegisterExpressionTest's DAP-REGISTER lines, after
// `cmp x9, x9`). The page's own modules, served from the source tree to a blank origin: no server.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { root, startBrowser } from './harness.mjs';

const js = join(root, 'web-ui/src/main/frontend/js');
const recorded = JSON.parse(readFileSync(join(root, 'web-ui/src/test/browser/fixtures/aarch64-registers.json'), 'utf8'));
const ORIGIN = 'http://registers.test';
let browser;

before(async () => { browser = await startBrowser(); });
after(async () => { await browser?.close(); });

async function panel(regs) {
  const page = await browser.newPage();
  await page.route(`${ORIGIN}/**`, (route) => {
    const path = new URL(route.request().url()).pathname;
    if (path === '/') return route.fulfill({ contentType: 'text/html', body: '<!doctype html><div id="registers"></div>' });
    return route.fulfill({ contentType: 'text/javascript', body: readFileSync(join(js, path.replace(/^\/js\//, '')), 'utf8') });
  });
  await page.goto(`${ORIGIN}/`);
  await page.evaluate(async (r) => {
    const { RegistersPanel } = await import('/js/registers.js');
    new RegistersPanel(document.querySelector('#registers')).render(r);
  }, regs);
  return page;
}

test('AArch64: pc and cpsr pinned, cpsr decoded as N Z C V from bits 31-28, x0-x30 and sp listed', async () => {
  const page = await panel(recorded);
  const pinned = await page.locator('table.pinned tr[data-reg]').evaluateAll((rows) => rows.map((r) => r.dataset.reg));
  assert.deepEqual(pinned, ['pc', 'cpsr']);
  const flags = await page.locator('tr[data-reg="cpsr"] td.flags span').evaluateAll((spans) =>
    spans.map((s) => `${s.textContent}${s.classList.contains('set') ? '=1' : '=0'}`));
  // cmp x9, x9: equal, so Z and C set (the ISA's NZCV for a subtraction without borrow), N and V clear
  assert.deepEqual(flags, ['N=0', 'Z=1', 'C=1', 'V=0']);
  const rest = await page.locator('table:not(.pinned) tr[data-reg]').evaluateAll((rows) => rows.map((r) => r.dataset.reg));
  assert.deepEqual(rest, [...Array.from({ length: 31 }, (_, i) => `x${i}`), 'sp']);
  const x9 = await page.locator('tr[data-reg="x9"] td.dec').textContent();
  assert.equal(x9, String(0x1122334455667788n), 'x9 as the fixture set it, in decimal');
  await page.close();
});

test('AArch64: a cpsr with N set and the others clear shows only N set', async () => {
  const regs = recorded.map((r) => (r.name === 'cpsr' ? { ...r, value: '0x80000000 [ N ]' } : r));
  const page = await panel(regs);
  const set = await page.locator('tr[data-reg="cpsr"] td.flags span.set').allTextContents();
  assert.deepEqual(set, ['N']);
  await page.close();
});

test('x86-64 unchanged: rip and eflags pinned, eflags decoded from its low bits', async () => {
  const regs = [{ name: 'rax', value: '0x2a' }, { name: 'rip', value: '0x401126' },
    { name: 'eflags', value: '0x246 [ PF ZF IF ]', variablesReference: 7 }];
  const page = await panel(regs);
  const pinned = await page.locator('table.pinned tr[data-reg]').evaluateAll((rows) => rows.map((r) => r.dataset.reg));
  assert.deepEqual(pinned, ['rip', 'eflags']);
  const set = await page.locator('tr[data-reg="eflags"] td.flags span.set').allTextContents();
  assert.deepEqual(set, ['PF', 'ZF', 'IF'], '0x246: bits 1 (reserved, unnamed), 2, 6, 9');
  await page.close();
});
