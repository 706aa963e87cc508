// The debug type's configurationAttributes are the DAP server's launch record: these helpers read
// dap-server's launch-attributes.json (what LaunchAttributesTest keeps equal to the server's
// LaunchArguments/AttachArguments) and compare or copy it into this extension's package.json.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const extensionDir = join(dirname(fileURLToPath(import.meta.url)), '..');
export const manifestPath = join(extensionDir, 'package.json');
export const serverAttributesPath = join(extensionDir, '../dap-server/src/main/resources/launch-attributes.json');

/** The server's launch and attach attributes, without the file's own comment. */
export function serverAttributes() {
  const { $comment, ...attributes } = JSON.parse(readFileSync(serverAttributesPath, 'utf8'));
  return attributes;
}

export function manifest() {
  return JSON.parse(readFileSync(manifestPath, 'utf8'));
}

export function hindsightDebugger(pkg) {
  return pkg.contributes.debuggers.find((d) => d.type === 'hindsight');
}

/** Rewrites package.json with the server's attributes (run when launch-attributes.json changes). */
export function syncAttributes() {
  const pkg = manifest();
  hindsightDebugger(pkg).configurationAttributes = serverAttributes();
  writeFileSync(manifestPath, `${JSON.stringify(pkg, null, 2)}\n`);
}
