// A real VS Code for the extension's test: code-server (installed by misc/ensure-code-server.sh),
// with the built .vsix installed into throw-away user-data and extensions folders, served on
// loopback without a password, and Debian's chromium (the web UI tests' launcher) to drive it.
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const extensionDir = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const root = resolve(extensionDir, '..');

/**
 * code-server's launcher, from HINDSIGHT_CODE_SERVER or misc/ensure-code-server.sh (which installs
 * it the first time; as non-root with packages missing it fails and prints the apt-get command).
 */
export function codeServerPath() {
  if (process.env.HINDSIGHT_CODE_SERVER) return process.env.HINDSIGHT_CODE_SERVER;
  return execFileSync(join(root, 'misc/ensure-code-server.sh'), { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim();
}

/** The extension's package, from HINDSIGHT_VSIX or built now by build.sh. */
export function vsixPath() {
  if (process.env.HINDSIGHT_VSIX) return process.env.HINDSIGHT_VSIX;
  return execFileSync(join(extensionDir, 'build.sh'), { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim();
}

/**
 * Installs the .vsix and starts code-server with `settings` as the user's settings; resolves with
 * {url, stop()} once it listens. Its log is kept for failure messages (`log()`).
 */
export async function startCodeServer({ settings }) {
  const codeServer = codeServerPath();
  const vsix = vsixPath();
  const home = mkdtempSync(join(tmpdir(), 'hindsight-code-server-'));
  const userData = join(home, 'user-data');
  const extensions = join(home, 'extensions');
  mkdirSync(join(userData, 'User'), { recursive: true });
  writeFileSync(join(userData, 'User/settings.json'), JSON.stringify(settings, null, 2));
  // Its own config file: code-server would otherwise write one into ~/.config.
  writeFileSync(join(home, 'config.yaml'), 'auth: none\n');
  const dirs = ['--config', join(home, 'config.yaml'), '--user-data-dir', userData, '--extensions-dir', extensions];
  execFileSync(codeServer, [...dirs, '--install-extension', vsix], { stdio: ['ignore', 'pipe', 'pipe'], timeout: 180_000 });
  const child = spawn(codeServer, [...dirs, '--auth', 'none', '--bind-addr', '127.0.0.1:0', '--disable-telemetry',
    '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override', '--ignore-last-opened'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const reap = () => child.kill('SIGKILL');
  process.once('exit', reap);
  let log = '';
  child.stdout.on('data', (d) => { log += d; });
  child.stderr.on('data', (d) => { log += d; });
  const url = await new Promise((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`code-server did not start:\n${log}`)), 120_000);
    const look = () => {
      const m = /HTTP server listening on (http:\/\/127\.0\.0\.1:\d+\/?)/.exec(log);
      if (m) { clearTimeout(timer); resolveUrl(m[1]); }
    };
    child.stdout.on('data', look);
    child.stderr.on('data', look);
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`code-server exited ${code}:\n${log}`)); });
  });
  return {
    url,
    log: () => log,
    stop: () => new Promise((done) => {
      process.off('exit', reap);
      const finish = () => { rmSync(home, { recursive: true, force: true }); done(); };
      if (child.exitCode != null || child.signalCode != null) { finish(); return; }
      child.once('exit', finish);
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
    }),
  };
}
