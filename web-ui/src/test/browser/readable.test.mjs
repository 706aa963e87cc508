// Nothing the page says is cut off: the status in full, diagnostics by file name, instruction
// comments, rip and eflags in sight, vector registers as lanes of all their bits (issue 14, defect 7).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { sharedServerAndBrowser } from './harness.mjs';
import { click, compileExample, currentLine, lineOf, nextStop, setSource, stepWith, stops } from './debugging.mjs';

const shared = sharedServerAndBrowser();
const { opts, open } = shared;
const wide = { width: 1600, height: 1000 };

test('a long status is shown in full and a diagnostic names main.c:2:12, not the server\'s temporary path', opts, async () => {
  const page = await open(wide);
  await setSource(page, 'int main(void) {\n    return an_undeclared_identifier_with_a_long_name + another_one;\n}\n');
  await click(page, 'Compile');
  await page.waitForFunction(() => /Compile failed/.test(document.querySelector('#status').textContent));
  const status = await page.evaluate(() => {
    const s = document.querySelector('#status');
    return { text: s.textContent, clipped: s.scrollWidth > s.clientWidth || s.scrollHeight > s.clientHeight,
      ellipsis: getComputedStyle(s).textOverflow === 'ellipsis' && getComputedStyle(s).overflow === 'hidden' };
  });
  assert.match(status.text, /main\.c:2:12: error/);
  assert.doesNotMatch(status.text, /\/tmp\//);
  assert.equal(status.clipped, false, `status cut off: ${status.text}`);
  assert.equal(status.ellipsis, false);
  await page.waitForFunction(() => /main\.c:2:12: error/.test(document.querySelector('#output').textContent));
  assert.doesNotMatch(await page.textContent('#output'), /\/tmp\//);
  await page.close();
});

test('instruction comments are not clipped, and rip and eflags stay at the top of Registers', opts, async () => {
  const page = await open(wide);
  await compileExample(page, 'Floating point');
  for (const width of [1600, 1280]) {
    await page.setViewportSize({ ...wide, width });
    const disasm = await page.evaluate(() => {
      const box = document.querySelector('#disasm');
      const right = box.getBoundingClientRect().left + box.clientWidth;
      const cut = [...box.querySelectorAll('td.insn')].filter((td) => td.getBoundingClientRect().right > right + 0.5);
      return { instructions: box.querySelectorAll('td.insn').length, cut: cut.map((td) => td.textContent) };
    });
    assert.ok(disasm.instructions > 0);
    assert.deepEqual(disasm.cut, [], `${width} px: instructions running past the panel's edge`);
  }
  await page.setViewportSize(wide);
  const order = await page.locator('#registers tr[data-reg]').evaluateAll((rows) => rows.slice(0, 2).map((r) => r.dataset.reg));
  assert.deepEqual(order, ['rip', 'eflags']);
  await page.check('#showVector');
  await page.waitForSelector('#registers tr[data-reg="xmm0"]');
  await page.evaluate(() => { const r = document.querySelector('#registers'); r.scrollTop = r.scrollHeight; });
  const inView = await page.evaluate(() => {
    const panel = document.querySelector('#registers').getBoundingClientRect();
    return ['rip', 'eflags'].map((name) => {
      const row = document.querySelector(`#registers tr[data-reg="${name}"]`).getBoundingClientRect();
      return row.top >= panel.top - 1 && row.bottom <= panel.bottom + 1;
    });
  });
  assert.deepEqual(inView, [true, true], 'rip and eflags in sight with Registers scrolled to the end');
  await page.close();
});

const VECTORS = `        .text
        .globl  main
main:
        mov     $0x3fc00000, %eax       # 1.5 as a float
        movd    %eax, %xmm1
        vpshufd $0, %xmm1, %xmm1        # 1.5 in each float lane; VEX clears ymm1's upper half
        vpcmpeqd %ymm0, %ymm0, %ymm0    # every bit of ymm0 set
        xor     %eax, %eax              # DONE
        ret
        .section .note.GNU-stack,"",@progbits
`;

/** This CPU has AVX-512 (the kernel's flags), so the page lists zmm0-31. */
const avx512 = /\bavx512f\b/.test(readFileSync('/proc/cpuinfo', 'utf8'));
const lanesOf = (page, reg) => page.locator(`#registers tr[data-reg="${reg}"] td.lane`).allTextContents();

test('SSE and AVX registers are lane tables, and ymm shows all 256 bits', opts, async () => {
  const page = await open(wide);
  await setSource(page, VECTORS, 'asm');
  const before = await stops(page);
  await click(page, 'Compile');
  await nextStop(page, before);
  await page.check('#showVector');
  await page.waitForSelector('#registers tr[data-reg="ymm0"]');
  const done = await lineOf(page, '# DONE');
  while (await currentLine(page) !== done) await stepWith(page, 'Step instruction');
  await page.waitForFunction(() => document.querySelectorAll('#registers tr[data-reg="xmm1"] td.lane').length === 4);
  assert.deepEqual(await lanesOf(page, 'xmm1'), ['1.5', '1.5', '1.5', '1.5']);
  assert.deepEqual(await lanesOf(page, 'ymm1'), ['1.5', '1.5', '1.5', '1.5', '0', '0', '0', '0']);
  await page.selectOption('#laneFormat', 'int32');
  // ymm0 has 8 lanes as floats too: wait for the table drawn in the new format
  await page.waitForSelector('#registers table.vector[aria-label*="lanes as int32"]');
  assert.deepEqual(await lanesOf(page, 'ymm0'), Array(8).fill('-1'));
  assert.deepEqual(await lanesOf(page, 'ymm1'), [...Array(4).fill(String(0x3fc00000)), ...Array(4).fill('0')]);
  if (avx512) { // zmm rows are lane tables of all 512 bits too (the VEX load cleared zmm1 above its xmm part)
    await page.waitForFunction(() => document.querySelectorAll('#registers tr[data-reg="zmm1"] td.lane').length === 16);
    assert.deepEqual(await lanesOf(page, 'zmm1'), [...Array(4).fill(String(0x3fc00000)), ...Array(12).fill('0')]);
  }
  await page.selectOption('#laneFormat', 'hex');
  await page.waitForFunction(() => document.querySelectorAll('#registers tr[data-reg="ymm0"] td.lane').length === 1);
  assert.deepEqual(await lanesOf(page, 'ymm0'), [`0x${'f'.repeat(64)}`]);
  assert.deepEqual(await lanesOf(page, 'ymm1'), [`0x${'0'.repeat(32)}${'3fc00000'.repeat(4)}`], 'the upper half\'s zeros too');
  assert.deepEqual(await lanesOf(page, 'xmm1'), [`0x${'3fc00000'.repeat(4)}`]);
  assert.doesNotMatch(await page.locator('#registers').innerText(), /v4_float/);
  assert.deepEqual(page.problems, []);
  await page.close();
});
