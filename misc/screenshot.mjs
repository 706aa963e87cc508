// Takes docs/screenshot.png: the page at 1280x800 in the middle of debugging the "Pointers and
// structs" example (stopped inside move(), the caller's frame selected with its struct expanded).
import { join } from 'node:path';
import { root, startServer, startBrowser, openPage } from '../web-ui/src/test/browser/harness.mjs';
import { compileExample, lineOf, stepWith, toggleBreakpoint } from '../web-ui/src/test/browser/debugging.mjs';

const out = process.argv[2] ?? join(root, 'docs/screenshot.png');
const server = await startServer();
const browser = await startBrowser();
try {
  const page = await openPage(browser, server.url);
  await page.emulateMedia({ colorScheme: 'light' });
  await compileExample(page, 'Pointers and structs');
  await toggleBreakpoint(page, await lineOf(page, 'move(&who->home'));
  await stepWith(page, 'Continue');
  await stepWith(page, 'Step line');
  await stepWith(page, 'Step instruction');
  await stepWith(page, 'Step instruction');
  await page.getByRole('button', { name: 'Expand p' }).click().catch(() => {});
  await page.locator('#stack li').nth(1).click();
  await page.waitForTimeout(300);
  await page.fill('#watchExpression', 'who->home.x * 10');
  await page.press('#watchExpression', 'Enter');
  await page.waitForTimeout(300);
  await page.getByRole('button', { name: 'Expand ada' }).click().catch(() => {});
  await page.waitForTimeout(300);
  await page.waitForTimeout(500);
  await page.screenshot({ path: out });
  console.log(`wrote ${out}`);
} finally {
  await browser.close();
  await server.stop();
}
