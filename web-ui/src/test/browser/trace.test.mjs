// `hindsight serve TRACE_DIR`: a recorded, built run in the page, as README.md's web UI section
// promises it: refused unbuilt, sources only from the served trees, the notebook kept by --storage,
// and (with the DAP reverse requests) reverse controls, the timeline and every execution of a line.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dapMessages, startServer, startBrowser, openPage, engineBuilt } from './harness.mjs';
import { click, currentLine, nextStop, register, stepWith, stops, toggleBreakpoint } from './debugging.mjs';
import { DapSocket } from './dap-socket.mjs';
import { markerLine, recordFixture } from './recording.mjs';

const skip = engineBuilt() ? false : 'the DAP engine (dap-server) is not built';
const opts = { skip, timeout: 600_000 };
let dir;
let run; // travel.c recorded from dir/proj and built
let browser;

before(async () => {
  if (skip) return;
  dir = mkdtempSync(join(tmpdir(), 'hindsight-serve-trace-'));
  run = recordFixture(dir, 'travel.c');
  browser = await startBrowser();
}, { timeout: 900_000 });
after(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The page on `server`, once it shows the recording's first stop. */
async function openRecording(server, prepare) {
  const page = await openPage(browser, server.url, undefined, prepare);
  await nextStop(page, 0);
  return page;
}

const editorText = (page) => page.evaluate(() => globalThis.hindsight.editor.text);
const now = async (page) => Number(await page.locator('#timelineTrack').getAttribute('aria-valuenow'));

test('serve refuses a recording that was not built, and a folder that is no recording', opts, async () => {
  const unbuilt = recordFixture(join(dir, 'unbuilt'), 'loop.c', { build: false });
  await assert.rejects(startServer([unbuilt.trace]), /recorded but not built: run `hindsight build .*unbuilt\/trace`/);
  await assert.rejects(startServer([join(dir, 'proj')]), /not a trace Hindsight can replay/);
  await assert.rejects(startServer([join(dir, 'missing')]), /no such trace directory/);
});

test('the page opens the recording with its sources from --sources, and no file outside the trees is ever served', opts, async () => {
  // The recorded /…/proj/travel.c is shown from another tree whose path ends the same way.
  const served = join(dir, 'served');
  mkdirSync(join(served, 'proj'), { recursive: true });
  writeFileSync(join(served, 'proj/travel.c'), run.text.replace('Reverse execution:', 'SERVED COPY:'));
  writeFileSync(join(dir, 'secret.c'), 'int secret = 42; /* SECRET */\n');
  symlinkSync(join(dir, 'secret.c'), join(served, 'proj/leak.c'));
  const server = await startServer(['--sources', served, run.trace]);
  try {
    const page = await openRecording(server);
    assert.match(await editorText(page), /SERVED COPY:/);
    assert.match(await page.locator('#traceName').innerText(), /Recording: trace/);
    assert.equal(await page.locator('#compile').isVisible(), false, 'nothing to compile');
    assert.match(await page.textContent('#status'), /^Stopped/);
    assert.match(await register(page, 'rip'), /^0x[0-9a-f]+$/);
    assert.deepEqual(page.problems, [], 'no console errors or policy violations');
    await page.close();

    // A script on /dap: whatever a launch names, the recording is what runs; source reads stay inside the trees.
    const dap = await DapSocket.open(server.url.replace(/^http/, 'ws').replace(/\/(\?.*)?$/, '/dap'));
    const initialized = dap.event('initialized');
    await dap.request('initialize', { adapterID: 'hindsight', linesStartAt1: true, columnsStartAt1: true });
    const stopped = dap.event('stopped');
    const launched = dap.request('launch', { program: '/bin/cat', args: [join(dir, 'secret.c')], stopOnEntry: true });
    await Promise.race([initialized, launched]);
    await dap.request('configurationDone');
    await launched;
    const { threadId } = await stopped;
    const [top] = (await dap.request('stackTrace', { threadId })).stackFrames;
    assert.equal(top.source.path, run.source, 'the recording runs, not the program the launch named');
    assert.match((await dap.request('source', { source: { path: top.source.path } })).content, /SERVED COPY:/);
    const attempts = [join(dir, 'secret.c'), `${run.source}/../../secret.c`, join(served, 'proj/../../secret.c'),
      join(served, 'proj/leak.c'), '/home/someone/proj/leak.c', '../secret.c', '/etc/passwd', join(run.trace, 'meta.properties')];
    for (const path of attempts) {
      await assert.rejects(dap.request('source', { source: { path } }), /not in the served source trees/, path);
    }
    await assert.rejects(dap.request('attach', { pid: process.pid }), /attach is not available/);
    await dap.close();
  } finally {
    await server.stop();
  }
});

test('without --sources the recording\'s own copies are shown, and a note kept in memory says so', opts, async () => {
  const server = await startServer([run.trace]);
  try {
    const page = await openRecording(server);
    assert.equal(await editorText(page), readFileSync(run.source, 'utf8'));
    assert.match(await page.locator('#notebookStorage').innerText(), /memory only/);
    await page.close();
  } finally {
    await server.stop();
  }
});

test('a notebook entry and the view (breakpoints, watches) survive a restart of serve --storage', opts, async () => {
  const storage = join(dir, 'storage');
  let server = await startServer(['--storage', storage, run.trace]);
  let pinned;
  let keptTime;
  try {
    const page = await openRecording(server);
    assert.match(await page.locator('#notebookStorage').innerText(), /saved with the server/);
    await stepWith(page, 'Step over');
    pinned = await currentLine(page);
    keptTime = await now(page);
    await page.fill('#noteText', 'sum starts here <b>not bold</b>');
    await click(page, 'Add note');
    await page.locator('#notes li, #status.error').first().waitFor();
    assert.doesNotMatch(await page.locator('#status').getAttribute('class') ?? '', /error/, await page.textContent('#status'));
    assert.match(await page.locator('#notes li').first().innerText(), new RegExp(`travel\\.c:${pinned}`));
    await toggleBreakpoint(page, markerLine(run.text, 'print'));
    await page.fill('#watchExpression', 'sum * 2');
    await page.press('#watchExpression', 'Enter');
    await page.waitForFunction(() => globalThis.hindsight.editor.breakpointLines().length === 1, null, { timeout: 90_000 });
    await page.close();
  } finally {
    await server.stop();
  }
  server = await startServer(['--storage', storage, run.trace]);
  try {
    const page = await openRecording(server);
    const note = page.locator('#notes li').first();
    await note.waitFor();
    assert.equal(await page.locator('#notes li').count(), 1);
    assert.match(await note.innerText(), /sum starts here <b>not bold<\/b>/, 'shown as text');
    assert.match(await note.innerText(), new RegExp(`travel\\.c:${pinned}`));
    assert.equal(await page.locator('#notes b').count(), 0);
    await page.waitForFunction(() => globalThis.hindsight.editor.breakpointLines().length === 1, null, { timeout: 90_000 });
    // Back at the moment the last page was at.
    await page.waitForFunction((t) => document.querySelector('#timelineTrack').getAttribute('aria-valuenow') === String(t), keptTime, { timeout: 90_000 });
    assert.equal(await currentLine(page), pinned);
    assert.deepEqual(await page.evaluate(() => globalThis.hindsight.editor.breakpointLines()), [markerLine(run.text, 'print')]);
    await page.locator('#variables', { hasText: 'sum * 2' }).waitFor();
    // The kept breakpoint is the engine's too: Continue stops there.
    await stepWith(page, 'Continue');
    assert.equal(await currentLine(page), markerLine(run.text, 'print'));
    assert.deepEqual(page.problems, []);
    await page.close();
  } finally {
    await server.stop();
  }
});

// ---- with the DAP reverse requests (supportsStepBack, hindsight/goto, /timeline, /executions) ----

test('the reverse buttons appear on a recording and retrace forward steps backwards', opts, async () => {
  const server = await startServer([run.trace]);
  try {
    const page = await openRecording(server);
    await page.getByRole('button', { name: 'Reverse step instruction', exact: true }).waitFor();
    for (const name of ['Reverse step line', 'Reverse step over', 'Reverse step out', 'Reverse continue']) {
      assert.ok(await page.getByRole('button', { name, exact: true }).isVisible(), name);
    }
    // Forward by instructions, then back: the same instructions in reverse order.
    const rips = [await register(page, 'rip')];
    for (let i = 0; i < 4; i++) { await stepWith(page, 'Step instruction'); rips.push(await register(page, 'rip')); }
    for (let i = 3; i >= 0; i--) { await stepWith(page, 'Reverse step instruction'); assert.equal(await register(page, 'rip'), rips[i]); }
    // Forward over lines to the loop, then back over them.
    const lines = [await currentLine(page)];
    const loop = markerLine(run.text, 'loop');
    while (lines.at(-1) !== loop) { await stepWith(page, 'Step over'); lines.push(await currentLine(page)); assert.ok(lines.length < 20); }
    await stepWith(page, 'Step over');
    for (let i = lines.length - 1; i >= 0; i--) { await stepWith(page, 'Reverse step over'); assert.equal(await currentLine(page), lines[i]); }
    // Into square, then back out to its call in the loop.
    await stepWith(page, 'Step over');
    while (await currentLine(page) !== loop) await stepWith(page, 'Step over');
    await stepWith(page, 'Step line');
    assert.equal(await currentLine(page), markerLine(run.text, 'square'));
    await stepWith(page, 'Reverse step out');
    assert.equal(await currentLine(page), loop);
    assert.match(await page.locator('#stack li').first().innerText(), /^main/);
    // Two hits of a breakpoint in square forwards; reverse continue returns to the first (v = 0), then to the start.
    await stepWith(page, 'Reverse step line'); // before the call again
    await toggleBreakpoint(page, markerLine(run.text, 'square'));
    await stepWith(page, 'Continue');
    await stepWith(page, 'Continue');
    assert.match(await page.locator('#variables').innerText(), /v\s*=?\s*1\b|\bv\b[^\n]*\b1\b/);
    await stepWith(page, 'Reverse continue');
    assert.equal(await currentLine(page), markerLine(run.text, 'square'));
    assert.match(await page.locator('#variables').innerText(), /\bv\b[^\n]*\b0\b/);
    await stepWith(page, 'Reverse continue');
    assert.equal(await now(page), 0, 'no earlier hit: the start of the recording');
    assert.deepEqual(page.problems, []);
    await page.close();
  } finally {
    await server.stop();
  }
});

test('a click on the timeline goes to that moment, a marker to its own time', opts, async () => {
  const server = await startServer([run.trace]);
  try {
    const asked = [];
    const page = await openRecording(server, (p) => p.on('websocket', (ws) => ws.on('framesent', (f) => {
      asked.push(...dapMessages(f.payload).map((m) => m.command));
    })));
    // The markers are asked for once; a step's time comes with its state (stopState), not another timeline.
    await page.locator('#timelineTrack .marker').first().waitFor({ state: 'attached' });
    const timelines = () => asked.filter((c) => c === 'hindsight/timeline').length;
    const first = timelines();
    const at = await now(page);
    await stepWith(page, 'Step instruction');
    assert.ok(await now(page) > at, 'the time moved on');
    assert.equal(timelines(), first, asked.join(' '));
    const track = page.locator('#timelineTrack');
    const length = Number(await track.getAttribute('aria-valuemax')) + 1;
    assert.ok(length > 1000, `a recording of ${length} instructions`);
    const box = await track.boundingBox();
    let before = await stops(page);
    await page.mouse.click(box.x + box.width * 0.5, box.y + box.height / 2);
    await nextStop(page, before);
    const half = await now(page);
    assert.ok(Math.abs(half - length / 2) < length / 20, `the middle: ${half} of ${length}`);
    const output = track.locator('.marker[data-kind="output"]').first();
    const time = Number(await output.getAttribute('data-time'));
    const mark = await output.boundingBox();
    before = await stops(page);
    await page.mouse.click(mark.x + mark.width / 2, box.y + box.height / 2);
    await nextStop(page, before);
    assert.equal(await now(page), time);
    before = await stops(page);
    await track.focus();
    await page.keyboard.press('Home');
    await nextStop(page, before);
    assert.equal(await now(page), 0);
    assert.deepEqual(page.problems, []);
    await page.close();
  } finally {
    await server.stop();
  }
});

test('the source gutter lists every execution of a line with the watched values, and a click goes there', opts, async () => {
  const server = await startServer([run.trace]);
  try {
    const page = await openRecording(server);
    await page.fill('#watchExpression', 'i');
    await page.press('#watchExpression', 'Enter');
    const loop = markerLine(run.text, 'loop');
    await page.locator('.cm-line').nth(loop - 1).scrollIntoViewIfNeeded();
    const row = await page.locator('.cm-line').nth(loop - 1).boundingBox();
    const gutter = await page.locator('.cm-exec-gutter').boundingBox();
    await page.mouse.click(gutter.x + gutter.width / 2, row.y + row.height / 2);
    const items = page.locator('#executions li');
    await items.nth(3).waitFor();
    assert.equal(await items.count(), 4, 'the loop ran four times');
    for (let i = 0; i < 4; i++) assert.match(await items.nth(i).innerText(), new RegExp(`i = ${i}\\b`));
    assert.match(await page.locator('#executionsTitle').innerText(), /travel\.c:\d+ ran 4 times/);
    const before = await stops(page);
    await items.nth(2).locator('button').click({ timeout: 90_000 });
    await nextStop(page, before);
    assert.equal(await currentLine(page), loop);
    assert.match(await page.locator('#variables').innerText(), /\bi\b[^\n]*\b2\b/);
    assert.equal(await page.locator('#executions li.current').count(), 1);
    assert.deepEqual(page.problems, []);
    await page.close();
  } finally {
    await server.stop();
  }
});

test('a variable\'s origin is one click away: the line that wrote it, and a click goes there', opts, async () => {
  const server = await startServer([run.trace]);
  try {
    const page = await openRecording(server);
    await page.getByRole('button', { name: 'Reverse step instruction', exact: true }).waitFor();
    await toggleBreakpoint(page, markerLine(run.text, 'print'));
    await stepWith(page, 'Continue');
    assert.equal(await currentLine(page), markerLine(run.text, 'print'));
    const at = await now(page);
    await page.getByRole('button', { name: 'Origin of sum', exact: true }).click();
    // sum was last written by `sum += square(i)` on the loop line, in the last iteration.
    const writer = page.locator('#origin li[data-kind="instruction"] button.go').first();
    await writer.waitFor();
    assert.match(await writer.innerText(), new RegExp(`travel\\.c:${markerLine(run.text, 'loop')}\\b`));
    assert.match(await page.locator('#originTitle').innerText(), /of sum at time/);
    const before = await stops(page);
    await writer.click();
    await nextStop(page, before);
    assert.equal(await currentLine(page), markerLine(run.text, 'loop'));
    assert.ok(await now(page) < at, 'back in time, at the write');
    assert.deepEqual(page.problems, []);
    await page.close();
  } finally {
    await server.stop();
  }
});
