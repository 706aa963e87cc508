// Helpers for the browser tests that compile and step programs through the page.
import assert from 'node:assert/strict';

export const stops = (page) => page.evaluate(() => Number(document.body.dataset.stops ?? 0));

/** Waits until the page has shown a stop after `before` stops. */
export async function nextStop(page, before) {
  await page.waitForFunction((n) => Number(document.body.dataset.stops ?? 0) > n, before, { timeout: 90_000 });
}

export async function click(page, name) {
  await page.getByRole('button', { name, exact: true }).click();
}

/** Clicks `name` and waits for the stop it causes. */
export async function stepWith(page, name) {
  const before = await stops(page);
  await click(page, name);
  await nextStop(page, before);
}

export async function compileExample(page, title) {
  await page.selectOption('#example', { label: title });
  const before = await stops(page);
  await click(page, 'Compile');
  await nextStop(page, before);
}

export async function setSource(page, text, lang = 'c') {
  await page.selectOption('#language', lang);
  await page.evaluate((t) => globalThis.hindsight.editor.setText(t), text);
}

/** 1-based line of the first source line containing `marker`. */
export async function lineOf(page, marker) {
  const text = await page.evaluate(() => globalThis.hindsight.editor.text);
  const i = text.split('\n').findIndex((l) => l.includes(marker));
  assert.ok(i >= 0, `no line with ${marker}`);
  return i + 1;
}

/** The source line highlighted as current (1-based), or null. */
export async function currentLine(page) {
  return page.evaluate(() => {
    const lines = [...document.querySelector('#editor').shadowRoot.querySelectorAll('.cm-line')];
    const i = lines.findIndex((l) => l.classList.contains('cm-current-line'));
    return i < 0 ? null : i + 1;
  });
}

export async function register(page, name) {
  return page.locator(`#registers tr[data-reg="${name}"] td.hex`).textContent();
}

export async function currentInstruction(page) {
  return page.locator('#disasm tr.current').getAttribute('data-address');
}

/** Clicks the breakpoint gutter beside a source line. */
export async function toggleBreakpoint(page, line) {
  await page.locator('.cm-line').nth(line - 1).scrollIntoViewIfNeeded();
  const box = await page.locator('.cm-line').nth(line - 1).boundingBox();
  const gutter = await page.locator('.cm-bp-gutter').boundingBox();
  await page.mouse.click(gutter.x + gutter.width / 2, box.y + box.height / 2);
}
