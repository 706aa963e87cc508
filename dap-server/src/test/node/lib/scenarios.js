'use strict';
// Common openings of the tests: a session stopped at a marker line of a fixture, or at entry.
const assert = require('assert/strict');
const { Session } = require('./session');
const fixtures = require('./fixtures');

/** Launches a fixture (by default its source, compiled by Hindsight) and stops at entry. */
async function atEntry(t, fixture, launch = {}) {
  const s = Session.open(t);
  await s.launch({ program: fixtures.source(fixture), stopOnEntry: true, ...launch });
  await s.stopped('entry');
  return s;
}

/** Launches a fixture with a breakpoint at a marker line and waits until it is hit. */
async function atLine(t, fixture, marker, { launch = {}, breakpoint = {} } = {}) {
  const s = Session.open(t);
  const path = fixtures.source(fixture);
  const line = fixtures.line(fixture, marker);
  await s.launch({ program: path, ...launch }, async () => {
    const r = await s.request('setBreakpoints', { source: { path }, breakpoints: [{ line, ...breakpoint }] });
    assert.equal(r.body.breakpoints.length, 1);
    s.breakpointIds = r.body.breakpoints.map(b => b.id);
  });
  const stop = await s.stopped('breakpoint');
  const top = await s.top();
  assert.equal(top.line, line, `stopped at line ${top.line}, expected ${marker} (${line})`);
  s.stop = stop;
  return s;
}

/** A number from a value string as the adapter shows it (decimal, 0x hex, gdb's `65 'A'`). */
function num(value) {
  const m = String(value).trim().match(/^-?(0x[0-9a-f]+|\d+)/i);
  if (!m) throw new Error(`not a number: ${value}`);
  return m[0].startsWith('-') ? -BigInt(m[0].slice(1)) : BigInt(m[0]);
}

module.exports = { atEntry, atLine, num };
