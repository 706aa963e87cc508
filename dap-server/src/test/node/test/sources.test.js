'use strict';
// Frames whose source file is not on this machine get a source by reference: a generated
// disassembly listing of their function, the frame's line being its instruction's line there (a
// caller's: its call). A recorded run whose source was deleted since gets the text its trace kept.
// Oracles: objdump's disassembly of the same non-PIE executable, gdb's backtrace, the kept file.
const test = require('node:test');
const assert = require('assert/strict');
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');
const fixtures = require('../lib/fixtures');
const gdb = require('../lib/gdb');
const { Session } = require('../lib/session');
const { recordExecutable } = require('../lib/recording');

const T = { timeout: 300000 };

/** A fixture copied into its own directory and compiled there (-no-pie), its source then deleted. */
function withoutSource(fixture) {
  const dir = fs.mkdtempSync(path.join(fixtures.tempDir(), 'gone-'));
  const src = path.join(dir, fixture);
  fs.copyFileSync(fixtures.source(fixture), src);
  const exe = path.join(dir, 'program');
  execFileSync('clang', ['-g', '-O0', '-no-pie', '-o', exe, src], { stdio: 'pipe' });
  return { dir, src, exe, text: fs.readFileSync(src, 'utf8') };
}

/** objdump's instruction addresses of a function. */
function objdumpAddresses(exe, fn) {
  const out = execFileSync('objdump', ['-d', '--no-show-raw-insn', `--disassemble=${fn}`, exe], { encoding: 'utf8' });
  return [...out.matchAll(/^\s+([0-9a-f]+):\s/gm)].map(m => BigInt('0x' + m[1]));
}

/** The listing's lines as {address, text} (null address for the heading). */
async function listing(s, source) {
  const r = (await s.request('source', { source, sourceReference: source.sourceReference })).body;
  assert.equal(r.mimeType, 'text/x-asm');
  return r.content.split('\n').map(text => ({ text, address: /^0x[0-9a-f]+/.test(text) ? BigInt(text.match(/^0x[0-9a-f]+/)[0]) : null }));
}

for (const [label, init, base] of [['1-based', {}, 1], ['0-based', { linesStartAt1: false, columnsStartAt1: false }, 0]]) {
  test(`a program whose source was deleted: its frames open a listing of their function (${label})`, T, async t => {
    const p = withoutSource('basics.c');
    fs.rmSync(p.src);
    const s = Session.open(t);
    await s.initialize(init);
    await s.launch({ program: p.exe }, () => s.request('setFunctionBreakpoints', { breakpoints: [{ name: 'square' }] }));
    await s.stopped('function breakpoint');
    const [square, main] = await s.frames();
    for (const f of [square, main]) {
      assert.ok(f.source && f.source.sourceReference > 0, JSON.stringify(f));
      assert.equal(f.source.path, undefined, JSON.stringify(f));
      assert.equal(f.source.presentationHint, 'deemphasize');
      assert.equal(f.presentationHint, 'subtle');
    }
    assert.match(square.source.name, /^square\b/);
    const lines = await listing(s, square.source);
    assert.deepEqual(lines.filter(l => l.address !== null).map(l => l.address), objdumpAddresses(p.exe, 'square'),
      'the whole function, instruction by instruction, as objdump has it');
    assert.equal(lines[square.line - base].address, BigInt(square.instructionPointerReference), 'frame 0: its pc\'s line');
    assert.match(lines[0].text, /square/);

    const callers = await listing(s, main.source);
    assert.deepEqual(callers.filter(l => l.address !== null).map(l => l.address), objdumpAddresses(p.exe, 'main'));
    const call = callers[main.line - base];
    assert.match(call.text, /call/, 'a caller\'s line is its call instruction');
    assert.equal(callers[main.line - base + 1].address, BigInt(main.instructionPointerReference), 'returning to the frame\'s pc');
    assert.ok(square.source.sourceReference !== main.source.sourceReference);
  });
}

test('libc\'s frames without their source files open listings whose call lines return to gdb\'s pcs', T, async t => {
  const exe = fixtures.compile('dap_callbacks.c');
  const expected = await gdb.backtrace(exe, { cwd: path.dirname(exe), location: 'compare' });
  const s = Session.open(t);
  await s.launch({ program: exe }, () => s.request('setFunctionBreakpoints', { breakpoints: [{ name: 'compare' }] }));
  await s.stopped('function breakpoint');
  const frames = await s.frames(100);
  let listed = 0;
  for (let i = 1; i < frames.length; i++) {
    const f = frames[i], g = expected[i], what = `frame ${i} ${JSON.stringify(f)}, gdb ${JSON.stringify(g)}`;
    if (g.file !== null && fs.existsSync(path.normalize(g.file))) continue;
    assert.ok(f.source.sourceReference > 0, what);
    const lines = await listing(s, f.source);
    assert.equal(lines[f.line - 1 + 1].address, BigInt(g.pc), `${what}: the line after the frame's is its return address`);
    assert.match(lines[f.line - 1].text, /call/, what);
    assert.match(lines[0].text, new RegExp(g.symbol.replace(/\+\d+$/, '')), what);
    listed++;
  }
  assert.ok(listed >= 2, `qsort's frames are libc's: ${JSON.stringify(expected)}`);
});

test('a recorded run whose source was deleted: the frame shows the copy kept in the trace', T, async t => {
  const p = withoutSource('dap_travel_loop.c');
  const trace = recordExecutable(p.exe, path.join(p.dir, 'trace'));
  assert.equal(fs.readFileSync(path.join(trace, 'sources', p.src), 'utf8'), p.text, 'the recorder kept the source');
  fs.rmSync(p.src);
  const s = Session.open(t);
  await s.launch({ trace, stopOnEntry: true });
  await s.stopped('entry');
  const top = await s.top();
  assert.equal(top.line, fixtures.line('dap_travel_loop.c', 'start'));
  assert.equal(top.source.path, p.src);
  assert.ok(top.source.sourceReference > 0, JSON.stringify(top));
  const r = (await s.request('source', { source: top.source, sourceReference: top.source.sourceReference })).body;
  assert.equal(r.content, p.text);
});
