'use strict';
// module and loadedSource events as a library is loaded (dlopen) and unloaded (dlclose), and the
// modules request; the oracle is the program's memory map in /proc.
const test = require('node:test');
const assert = require('assert/strict');
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');
const fixtures = require('../lib/fixtures');
const { Session } = require('../lib/session');

const T = { timeout: 180000 };
const MAIN = 'plugin_cycle.c';

function plugin() {
  const so = path.join(fixtures.tempDir(), 'libcycle_plugin.so');
  if (!fs.existsSync(so)) {
    execFileSync('clang', ['-g', '-O0', '-shared', '-fPIC', '-o', so, fixtures.source('pending_plugin.c')], { stdio: 'pipe' });
  }
  return so;
}

/** The lowest start and highest end of the file's mappings in the process, or null when none. */
function mapped(pid, file) {
  const lines = fs.readFileSync(`/proc/${pid}/maps`, 'utf8').split('\n').filter(l => l.endsWith(' ' + file));
  if (lines.length === 0) return null;
  const ranges = lines.map(l => l.split(' ')[0].split('-').map(h => BigInt('0x' + h)));
  return { start: ranges.reduce((a, r) => r[0] < a ? r[0] : a, ranges[0][0]), end: ranges.reduce((a, r) => r[1] > a ? r[1] : a, 0n) };
}

test('module new/removed and loadedSource events as a plugin is opened and closed; modules agrees with /proc', T, async t => {
  const so = plugin();
  const exe = fixtures.compile(MAIN, ['-ldl']);
  const src = fixtures.source(MAIN);
  const s = Session.open(t);
  await s.launch({ program: exe, args: [so] }, () => s.request('setBreakpoints', {
    source: { path: src }, breakpoints: ['before', 'loaded', 'unloaded'].map(m => ({ line: fixtures.line(MAIN, m) })),
  }));
  const pid = (await s.event('thread', e => e.body.reason === 'started')).body.threadId;
  const moduleEvents = () => s.events.filter(e => e.event === 'module');
  const stopsSoFar = () => s.events.filter(e => e.event === 'stopped').length;

  await s.stopped('breakpoint');
  const early = moduleEvents().map(e => e.body.module.path);
  assert.ok(early.some(p => p === exe), `the program itself: ${early}`);
  assert.ok(early.some(p => /libc\.so/.test(p)), `the C library: ${early}`);
  for (const e of moduleEvents()) assert.match(e.body.module.symbolStatus, /^(debug information|symbols only)$/);
  assert.ok(!early.includes(so), 'the plugin is not loaded yet');
  assert.equal(mapped(pid, so), null);
  assert.ok(s.events.some(e => e.event === 'loadedSource' && e.body.reason === 'new' && e.body.source.path === src));

  await s.request('continue', { threadId: s.threadId });
  await s.stopped('breakpoint');
  const loaded = moduleEvents().find(e => e.body.module.path === so);
  assert.ok(loaded, 'a module event for the plugin');
  assert.equal(loaded.body.reason, 'new');
  assert.ok(s.events.indexOf(loaded) < s.events.findLastIndex(e => e.event === 'stopped'), 'told before the stop');
  const plug = s.events.find(e => e.event === 'loadedSource' && e.body.source.path === fixtures.source('pending_plugin.c'));
  assert.ok(plug, 'the plugin\'s source file as a loadedSource');
  assert.equal(plug.body.reason, 'new');
  const maps = mapped(pid, so);
  assert.ok(maps, 'the oracle: /proc maps the plugin now');
  const listed = (await s.request('modules', {})).body.modules.find(m => m.path === so);
  assert.ok(listed, 'modules lists the plugin');
  const [lo, hi] = listed.addressRange.split('-').map(BigInt);
  assert.equal(lo, maps.start);
  assert.equal(hi, maps.end);
  assert.equal(listed.symbolStatus, 'debug information');
  assert.equal(listed.name, path.basename(so));

  await s.request('continue', { threadId: s.threadId });
  await s.stopped('breakpoint');
  assert.equal(mapped(pid, so), null, 'the oracle: dlclose unmapped it');
  const removed = moduleEvents().filter(e => e.body.reason === 'removed');
  assert.deepEqual(removed.map(e => e.body.module.path), [so]);
  assert.equal(removed[0].body.module.id, loaded.body.module.id);
  assert.ok(!(await s.request('modules', {})).body.modules.some(m => m.path === so));
  assert.equal(stopsSoFar(), 3);
});
