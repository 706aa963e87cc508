// The extension's manifest against the adapter it starts: the debug type's attributes are the
// server's launch record (launch-attributes.json, which dap-server's LaunchAttributesTest keeps
// equal to its LaunchArguments), and every configuration it offers uses only those attributes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { extensionDir, hindsightDebugger, manifest, serverAttributes } from '../../scripts/attributes.mjs';

const pkg = manifest();
const debuggerType = hindsightDebugger(pkg);

test('configurationAttributes are exactly the server launch-attributes.json (fix: npm run sync-attributes)', () => {
  assert.deepEqual(debuggerType.configurationAttributes, serverAttributes());
});

test('every initial configuration and snippet uses only attributes the server declares', () => {
  const attributes = serverAttributes();
  const bodies = [...debuggerType.initialConfigurations, ...debuggerType.configurationSnippets.map((s) => s.body)];
  for (const body of bodies) {
    assert.equal(body.type, 'hindsight');
    const declared = attributes[body.request];
    assert.ok(declared, `request ${body.request}`);
    for (const key of Object.keys(body)) {
      if (['type', 'request', 'name'].includes(key)) continue;
      assert.ok(key in declared.properties, `${body.name}: '${key}' is not a ${body.request} attribute`);
    }
    for (const required of declared.required || []) assert.ok(required in body, `${body.name} lacks ${required}`);
  }
});

test('snippets: a C file, a C++ file, an assembly file, an executable with arguments, a recording, a core file', () => {
  const labels = debuggerType.configurationSnippets.map((s) => s.label).join('\n');
  for (const wanted of [/C file/, /C\+\+ file/, /assembly file/, /executable with arguments/, /recording/, /core file/]) {
    assert.match(labels, wanted);
  }
  const executable = debuggerType.configurationSnippets.find((s) => /executable/.test(s.label)).body;
  assert.ok(Array.isArray(executable.args));
  assert.ok(debuggerType.configurationSnippets.some((s) => typeof s.body.trace === 'string'));
  const core = debuggerType.configurationSnippets.find((s) => /core file/.test(s.label)).body;
  assert.ok(typeof core.coreFile === 'string' && typeof core.program === 'string', 'a core file and the program it came from');
});

test('breakpoints are enabled in C, C++ and assembly files', () => {
  assert.deepEqual(pkg.contributes.breakpoints.map((b) => b.language).sort(), ['asm', 'c', 'cpp', 's']);
  const asm = pkg.contributes.languages.find((l) => l.id === 'asm');
  assert.ok(asm.extensions.includes('.s') && asm.extensions.includes('.S'));
});

test('every contributed command is registered by the extension, and every registered one contributed', () => {
  const sources = readdirSync(join(extensionDir, 'src')).map((f) => readFileSync(join(extensionDir, 'src', f), 'utf8')).join('\n');
  const registered = [...sources.matchAll(/registerCommand\('([^']+)'/g)].map((m) => m[1]).sort();
  const contributed = pkg.contributes.commands.map((c) => c.command);
  for (const id of contributed) assert.ok(registered.includes(id), `${id} is contributed but never registered`);
  // hindsight.goToTime is internal (the Value Origin view's click), not on the palette.
  assert.deepEqual(registered.filter((id) => !contributed.includes(id)), ['hindsight.goToTime']);
});

test('the fields the marketplace requires are present', () => {
  for (const field of ['name', 'displayName', 'publisher', 'version', 'description', 'license', 'icon', 'repository']) {
    assert.ok(pkg[field], field);
  }
  assert.match(pkg.engines.vscode, /^\^1\.\d+\.\d+$/);
});
