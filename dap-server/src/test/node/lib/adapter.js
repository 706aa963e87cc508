'use strict';
// How to start Hindsight's DAP adapter: the java command the `hindsight dap` launcher line runs,
// straight from the built jars (the launcher's staleness check would otherwise rebuild when test
// files change), or HINDSIGHT_DAP_COMMAND (e.g. "/path/hindsight dap") to test another command.
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '../../../../..');
const VERSION = '0.1.0-SNAPSHOT';

function launcherMainClass() {
  const script = fs.readFileSync(path.join(ROOT, 'hindsight'), 'utf8');
  const m = script.match(/run_java\s+dap-server\s+(\S+)([^\n]*)/);
  if (!m) return null;
  const extra = m[2].replace(/"\$@"/g, '').trim().split(/\s+/).filter(Boolean);
  return { main: m[1], extra };
}

/** The JVM flags the launcher gives the adapter (its dap_jvm_flags line), so tests and benchmarks run it alike. */
function launcherJvmFlags() {
  const m = fs.readFileSync(path.join(ROOT, 'hindsight'), 'utf8').match(/^dap_jvm_flags="([^"]*)"/m);
  return m ? m[1].split(/\s+/) : [];
}

/** The adapter command line as [executable, ...args]. */
function adapterCommand(extraArgs = []) {
  if (process.env.HINDSIGHT_DAP_COMMAND) {
    return [...process.env.HINDSIGHT_DAP_COMMAND.split(/\s+/).filter(Boolean), ...extraArgs];
  }
  return javaAdapterCommand(extraArgs);
}

/** The java command line itself, whatever HINDSIGHT_DAP_COMMAND says (for tests that change how the JVM runs). */
function javaAdapterCommand(extraArgs = []) {
  const jar = path.join(ROOT, 'dap-server', 'target', `hindsight-dap-server-${VERSION}.jar`);
  const launcher = launcherMainClass() || { main: 'dev.hindsight.dap.DapMain', extra: [] };
  if (!fs.existsSync(jar)) return [path.join(ROOT, 'hindsight'), 'dap', ...extraArgs];
  const cp = `${jar}:${path.join(ROOT, 'dap-server', 'target', 'lib', '*')}`;
  const opts = [...launcherJvmFlags(), ...(process.env.HINDSIGHT_JAVA_OPTS || '').split(/\s+/)].filter(Boolean);
  return ['java', ...opts, '-cp', cp, launcher.main, ...launcher.extra, ...extraArgs];
}

module.exports = { ROOT, adapterCommand, javaAdapterCommand };
