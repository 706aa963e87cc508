// The extension's decisions that need no editor: how to reach the adapter, what a compiler
// message from the adapter becomes, which files the commands accept. Kept apart from the
// `vscode` module so node's test runner checks them directly.
'use strict';
const fs = require('fs');
const path = require('path');

const sourceExtensions = ['.c', '.cc', '.cpp', '.cxx', '.s', '.S'];
const languages = ['c', 'cpp', 'asm', 's'];

function isExecutable(file) {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function onPath(name, envPath) {
  for (const dir of (envPath || '').split(path.delimiter)) {
    if (dir && isExecutable(path.join(dir, name))) return path.join(dir, name);
  }
  return undefined;
}

/**
 * How to start the adapter, from the settings (`hindsight.path`, `hindsight.server`) and the
 * environment: {server: {host, port}}, {command, args}, or {error} with the fix in its text.
 */
function adapterPlan({ launcherPath = '', server = '' }, env = process.env) {
  server = server.trim();
  if (server) {
    const m = /^(?:(.+):)?(\d+)$/.exec(server);
    if (!m || Number(m[2]) < 1 || Number(m[2]) > 65535) {
      return { error: `hindsight.server is '${server}': give HOST:PORT or PORT of a running 'hindsight dap --port N'.` };
    }
    return { server: { host: m[1] || '127.0.0.1', port: Number(m[2]) } };
  }
  let launcher = launcherPath.trim();
  if (!launcher) {
    launcher = onPath('hindsight', env.PATH);
    if (!launcher) {
      return { error: "The Hindsight launcher was not found: set 'hindsight.path' to the 'hindsight' script of a Hindsight checkout (or put it on PATH)." };
    }
  } else if (fs.existsSync(launcher) && fs.statSync(launcher).isDirectory()) {
    launcher = path.join(launcher, 'hindsight'); // the checkout itself was given
  }
  if (!isExecutable(launcher)) {
    return { error: `hindsight.path is '${launcher}', which is no executable file: set it to the 'hindsight' script of a Hindsight checkout (chmod +x it if needed).` };
  }
  const java = env.JAVA_HOME && isExecutable(path.join(env.JAVA_HOME, 'bin/java')) ? path.join(env.JAVA_HOME, 'bin/java') : onPath('java', env.PATH);
  if (!java) {
    return { error: `Hindsight needs Java 17 or later and none was found on PATH: install it with 'sudo apt-get install -y default-jdk-headless maven' (or run '${launcher} setup' as root).` };
  }
  return { command: launcher, args: ['dap'] };
}

/**
 * A compiler message the adapter sent as an output event (data.kind "diagnostic"): {path, line,
 * column (both 0-based), severity: error|warning|information, message}, or undefined.
 */
function diagnosticOf(body) {
  const data = body && body.data;
  if (!data || data.kind !== 'diagnostic' || !body.source || !body.source.path) return undefined;
  const severity = { error: 'error', warning: 'warning', note: 'information' }[data.severity] || 'error';
  return {
    path: body.source.path,
    line: Math.max(0, (body.line || 1) - 1),
    column: Math.max(0, (body.column || 1) - 1),
    severity,
    message: data.message || String(body.output || '').trim(),
  };
}

/** Whether a file can be compiled and debugged by 'Debug Current File'. */
function isDebuggableSource(file) {
  return sourceExtensions.includes(path.extname(file));
}

/** The launch configuration 'Debug Current File' starts. */
function currentFileConfiguration(file) {
  return { type: 'hindsight', request: 'launch', name: `Hindsight: ${path.basename(file)}`, program: file, stopOnEntry: true };
}

module.exports = { adapterPlan, diagnosticOf, isDebuggableSource, currentFileConfiguration, languages, sourceExtensions };
