'use strict';
// What the server offers beyond the base protocol, from a real client: inline sources, the
// custom writeStdin request, modules, setExpression, noDebug launches, the "Return value" scope.
const test = require('node:test');
const assert = require('assert/strict');
const fixtures = require('../lib/fixtures');
const { Session } = require('../lib/session');
const { atEntry, atLine, num } = require('../lib/scenarios');

const T = { timeout: 120000 };

test('inline sources are compiled and run', T, async t => {
  const s = Session.open(t);
  await s.launch({ sources: [{ name: 'main.c', text: '#include <stdio.h>\nint main(void) { puts("inline"); return 7; }\n' }] });
  await s.outputContaining('stdout', 'inline\n');
  assert.equal((await s.event('exited')).body.exitCode, 7);
});

test('writeStdin feeds the program its input, eof closes it', T, async t => {
  const s = Session.open(t);
  await s.launch({ program: fixtures.source('shout.c') });
  await s.request('writeStdin', { text: 'hello, ' });
  await s.request('writeStdin', { text: 'stdin\n' });
  await s.request('writeStdin', { eof: true });
  await s.outputContaining('stdout', 'HELLO, STDIN\n');
  assert.equal((await s.event('exited')).body.exitCode, 13);
});

test('modules lists the program and the C library', T, async t => {
  const s = await atEntry(t, 'basics.c');
  const modules = (await s.request('modules', {})).body.modules;
  assert.ok(modules.some(m => /libc\.so/.test(m.path || m.name)), JSON.stringify(modules.map(m => m.name)));
  assert.ok(modules.some(m => /basics/.test(m.path || m.name)), JSON.stringify(modules.map(m => m.name)));
});

test('setExpression assigns through an expression (editable watches)', T, async t => {
  const s = await atLine(t, 'basics.c', 'call_bump');
  const frameId = (await s.top()).id;
  const r = await s.request('setExpression', { expression: 'origin.x', value: '40', frameId });
  assert.equal(r.body.value, '40');
  await s.request('setExpression', { expression: 'numbers[3]', value: 'numbers[4] + 1', frameId });
  assert.equal((await s.evaluate('numbers[3]')).result, '9');
  await s.step('next');
  assert.equal((await s.evaluate('origin.x')).result, '65');
});

test('noDebug runs the program without stopping at breakpoints', T, async t => {
  const s = Session.open(t);
  const path = fixtures.source('basics.c');
  await s.launch({ program: path, noDebug: true }, () => s.request('setBreakpoints', {
    source: { path }, breakpoints: [{ line: fixtures.line('basics.c', 'call_square') }],
  }));
  assert.equal((await s.event('exited')).body.exitCode, 6);
  assert.ok(!s.events.some(e => e.event === 'stopped'));
});

test('after stepOut, a "Return value" scope shows what the function returned', T, async t => {
  const s = await atLine(t, 'basics.c', 'square_body');
  await s.step('stepOut');
  const scopes = await s.scopes();
  const ret = scopes.find(x => /return value/i.test(x.name));
  assert.ok(ret, scopes.map(x => x.name).join());
  const vars = await s.variables(ret.variablesReference);
  const rax = vars.find(v => v.name === 'rax' || /rax/.test(v.name));
  assert.ok(rax, JSON.stringify(vars));
  assert.equal(num(rax.value), 25n);
  await s.step('next');
  const again = await s.scopes();
  assert.ok(!again.some(x => /return value/i.test(x.name)), 'only right after the step out');
});
