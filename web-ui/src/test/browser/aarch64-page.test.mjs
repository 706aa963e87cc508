// The page's AArch64 details beyond the Registers panel (issue 16), its own modules fed what an
// AArch64 server sends, served from the source tree to a blank origin (as registers-aarch64 does):
// the Return value scope names x0 and d0 (DAP's ReturnValue scope on AArch64) and the page keeps
// the one the function's type returns in; with /mode.json's arch 'aarch64' the memory panel
// follows $sp and the stack-frame picture walks x29's frame records. The server's side is faked at
// the DAP requests (hindsight/functions, disassemble, readMemory), each answered as a server would.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { root, startBrowser } from './harness.mjs';

const js = join(root, 'web-ui/src/main/frontend/js');
const ORIGIN = 'http://aarch64-page.test';
let browser;

before(async () => { browser = await startBrowser(); });
after(async () => { await browser?.close(); });

async function blankPage() {
  const page = await browser.newPage();
  await page.route(`${ORIGIN}/**`, (route) => {
    const path = new URL(route.request().url()).pathname;
    if (path === '/') return route.fulfill({ contentType: 'text/html', body: '<!doctype html><input id="memoryAddress">' });
    return route.fulfill({ contentType: 'text/javascript', body: readFileSync(join(js, path.replace(/^\/js\//, '')), 'utf8') });
  });
  await page.goto(`${ORIGIN}/`);
  return page;
}

/** The Return value rows the page keeps of `scope` when the function's type is `type`. */
async function kept(scope, type) {
  const page = await blankPage();
  const names = await page.evaluate(async ([s, t]) => {
    const { returnValues } = await import('/js/return-value.js');
    return (await returnValues(s, async () => ({ type: t }))).map((v) => v.name);
  }, [scope, type]);
  await page.close();
  return names;
}

test('AArch64 Return value: x0 for integers and pointers, d0 for double, none for void, both for a struct', async () => {
  const scope = [{ name: 'half (x0)', value: '0x4004000000000000' }, { name: 'half (d0)', value: '2.5' }];
  assert.deepEqual(await kept(scope, 'double (double)'), ['half (d0)']);
  assert.deepEqual(await kept(scope, 'long (long)'), ['half (x0)']);
  assert.deepEqual(await kept(scope, 'char *(int)'), ['half (x0)']);
  assert.deepEqual(await kept(scope, 'void (int)'), []);
  assert.deepEqual(await kept(scope, 'struct pair (int)'), ['half (x0)', 'half (d0)']);
});

test('x86-64 Return value unchanged: rax for int, xmm0 for double', async () => {
  const scope = [{ name: 'f (rax)', value: '0x2a' }, { name: 'f (xmm0)', value: '{...}' }];
  assert.deepEqual(await kept(scope, 'int (void)'), ['f (rax)']);
  assert.deepEqual(await kept(scope, 'double (void)'), ['f (xmm0)']);
});

/**
 * The memory panel at a stop in square (called from main at main+24), frame pointer `fp` (square's
 * frame record: the caller's saved frame pointer, then the return address) and stack pointer
 * 32 bytes below, the server's registers named as `arch`'s: what it reads first and the labels.
 */
async function memoryPanel(arch, { pc = 0x400120n } = {}) {
  const page = await blankPage();
  const shown = await page.evaluate(async ([archName, pcText]) => {
    const { Inspector } = await import('/js/inspector.js');
    const { Debugger } = await import('/js/debugger.js');
    const fp = 0x7fffe010n, sp = fp - 32n, mainFp = 0x7fffe040n;
    const names = archName === 'aarch64' ? { sp: 'sp', fp: 'x29' } : { sp: 'rsp', fp: 'rbp' };
    const memory = new Map([[fp, mainFp], [fp + 8n, 0x400158n], [mainFp, 0n], [mainFp + 8n, 0n]]);
    const requests = [];
    // The DAP requests a server answers (readMemory: little-endian words; unset ones are zero).
    const client = {
      sessionId: 's', async request(command, args) {
        requests.push(command === 'readMemory' ? `readMemory ${args.memoryReference}` : command);
        if (command === 'hindsight/functions') {
          return { functions: [
            { name: 'square', ranges: [{ start: '0x400100', end: '0x400140' }], slots: [{ name: 'result', offset: -8, parameter: false }] },
            { name: 'main', ranges: [{ start: '0x400140', end: '0x400200' }], slots: [] }] };
        }
        if (command === 'disassemble') return { instructions: [] };
        if (command === 'readMemory') {
          const base = BigInt(args.memoryReference) + BigInt(args.offset);
          const bytes = new Uint8Array(args.count);
          for (let i = 0; i < args.count; i += 8) {
            let v = memory.get(base + BigInt(i)) ?? 0n;
            for (let j = 0; j < 8; j++, v >>= 8n) bytes[i + j] = Number(v & 0xffn);
          }
          return { address: `0x${base.toString(16)}`, data: btoa(String.fromCharCode(...bytes)) };
        }
        throw new Error(`unexpected ${command}`);
      },
    };
    const dbg = { state: 'stopped', generation: 1, launches: 1, client, isCurrent: () => true, readMemory: Debugger.prototype.readMemory };
    const regs = new Map([[names.sp, `0x${sp.toString(16)}`], [names.fp, `0x${fp.toString(16)}`]]);
    let rendered = null;
    const inspector = new Inspector({
      dbg, disasm: {}, editor: {}, registers: { valueOf: (n) => regs.get(n) }, status: (m) => { throw new Error(m); },
      memory: { render: (base, bytes, address, labels) => { rendered = { address, labels }; }, message: (m) => { rendered = { message: m }; } },
      arch: () => archName,
    });
    inspector.frames = [{ id: 1, name: 'square', instructionPointerReference: `0x${BigInt(pcText).toString(16)}` },
      { id: 2, name: 'main', instructionPointerReference: '0x400158' }];
    await inspector.showMemory(1);
    if (!rendered.labels) return { message: rendered.message, sp: `0x${sp.toString(16)}`, requests };
    const labels = {};
    for (const [a, l] of rendered.labels) labels[`0x${a.toString(16)}`] = l.join('; ');
    return { address: `0x${rendered.address.toString(16)}`, labels, sp: `0x${sp.toString(16)}`, requests };
  }, [arch, `0x${pc.toString(16)}`]);
  await page.close();
  return shown;
}

test('AArch64 memory panel: follows $sp, names the x29 frame record\'s slots', async () => {
  const shown = await memoryPanel('aarch64');
  assert.equal(shown.address, shown.sp, `the stack pointer's address first: ${JSON.stringify(shown)}`);
  assert.equal(shown.requests.find((r) => r.startsWith('readMemory')), `readMemory ${shown.sp}`);
  assert.equal(shown.labels['0x7fffe010'], 'saved x29 (square)');
  assert.equal(shown.labels['0x7fffe018'], 'return to main+24');
  assert.equal(shown.labels['0x7fffe008'], 'result (local of square)');
  assert.equal(shown.labels['0x7fffe040'], 'saved x29 (main)', 'followed the chain to main\'s record');
});

test('AArch64 memory panel: inside the 12-byte -O0 prologue x29 is still the caller\'s, so no slots of square', async () => {
  const shown = await memoryPanel('aarch64', { pc: 0x400108n });
  assert.equal(shown.address, shown.sp);
  assert.deepEqual(shown.labels, {});
});

test('x86-64 memory panel unchanged: follows $rsp, names the saved rbp', async () => {
  const shown = await memoryPanel('x86-64');
  assert.equal(shown.address, shown.sp, JSON.stringify(shown));
  assert.equal(shown.labels['0x7fffe010'], 'saved rbp (square)');
  assert.equal(shown.labels['0x7fffe018'], 'return to main+24');
});
