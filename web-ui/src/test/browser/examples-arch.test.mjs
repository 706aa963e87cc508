// The examples menu offers the assembly of the server's architecture (issue 16): mode.json says it
// ('x86-64', 'aarch64'), the page lists every C and C++ example and that architecture's assembly
// alone. The real server answers for this host (compared with node's own process.arch); an AArch64
// server is the same server's mode.json with its arch rewritten to 'aarch64' on its way to the page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { root, sharedServerAndBrowser } from './harness.mjs';
import { examples } from '../../main/frontend/js/examples.js';

const shared = sharedServerAndBrowser();
const { opts, open } = shared;
const HOST_ARCH = { x64: 'x86-64', arm64: 'aarch64' }[process.arch];
const COMMON = ['Hello, world', 'Loops', 'Recursion', 'Pointers and structs', 'Floating point', 'A C++ class'];
const ASM = { 'x86-64': 'x86-64 assembly', aarch64: 'AArch64 assembly' };

// The menu once mode.json has been answered (the assembly entries come with it).
async function menu(page) {
  await page.waitForFunction(() => [...document.querySelectorAll('#example option')].some((o) => /assembly/.test(o.text)));
  return page.locator('#example option:not([value=""])').allTextContents();
}

test('this host\'s server says its architecture and the menu offers that assembly alone', opts, async () => {
  const page = await open();
  const mode = await page.evaluate(() => fetch('mode.json').then((r) => r.json()));
  assert.equal(mode.arch, HOST_ARCH, 'mode.json names the architecture node runs on here');
  assert.deepEqual(await menu(page), [...COMMON, ASM[HOST_ARCH]]);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('an AArch64 server\'s page offers the AArch64 assembly, which it shows as asm', opts, async () => {
  const page = await open(undefined, (p) => p.route('**/mode.json', async (route) => {
    const answer = await route.fetch();
    await route.fulfill({ response: answer, json: { ...(await answer.json()), arch: 'aarch64' } });
  }));
  assert.deepEqual(await menu(page), [...COMMON, 'AArch64 assembly']);
  await page.selectOption('#example', { label: 'AArch64 assembly' });
  assert.equal(await page.inputValue('#language'), 'asm');
  await page.waitForFunction(() => globalThis.hindsight.editor.text.includes('svc     #0'));
  assert.equal(await page.locator('#fileName').textContent(), 'main.s');
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('the AArch64 example is the program the arm64 guest compiles and steps (programs/aarch64/web_example.s)', () => {
  const fixture = readFileSync(join(root, 'tracer/src/test/resources/programs/aarch64/web_example.s'), 'utf8');
  assert.equal(examples.find((e) => e.id === 'asm-aarch64').text, fixture);
});
