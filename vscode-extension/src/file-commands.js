// "Debug Current File" (compile the open file and stop at main) and "Record and Debug Current
// File" (hindsight record, hindsight build, then replay the recording with reverse controls).
'use strict';
const vscode = require('vscode');
const path = require('path');
const { spawn } = require('child_process');
const { adapterPlan, isDebuggableSource, currentFileConfiguration } = require('./plan');

async function currentSource() {
  const editor = vscode.window.activeTextEditor;
  const file = editor && editor.document.uri.scheme === 'file' ? editor.document.uri.fsPath : undefined;
  if (!file || !isDebuggableSource(file)) {
    vscode.window.showErrorMessage('Hindsight: open a C, C++ or assembly file (.c .cc .cpp .cxx .s .S) first.');
    return undefined;
  }
  if (editor.document.isDirty) await editor.document.save();
  return { file, folder: vscode.workspace.getWorkspaceFolder(editor.document.uri) };
}

/** Runs the launcher with ARGS, its output into the channel; resolves on exit 0, rejects otherwise. */
function runLauncher(launcher, args, cwd, output, token) {
  return new Promise((resolve, reject) => {
    output.appendLine(`$ ${launcher} ${args.join(' ')}`);
    // The recorded program reads an empty stdin: a notification has no terminal to type into.
    const child = spawn(launcher, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (d) => output.append(String(d)));
    child.stderr.on('data', (d) => output.append(String(d)));
    const cancel = token.onCancellationRequested(() => child.kill('SIGTERM'));
    child.on('error', (e) => { cancel.dispose(); reject(e); });
    child.on('close', (code, signal) => {
      cancel.dispose();
      if (code === 0) resolve();
      else reject(new Error(`'hindsight ${args[0]}' failed (${signal || `exit ${code}`}): see the Hindsight output`));
    });
  });
}

async function recordAndDebug(output) {
  const source = await currentSource();
  if (!source) return;
  const settings = vscode.workspace.getConfiguration('hindsight', source.folder && source.folder.uri);
  const plan = adapterPlan({ launcherPath: settings.get('path', '') });
  if (plan.error) {
    vscode.window.showErrorMessage(plan.error);
    return;
  }
  const base = source.folder ? source.folder.uri.fsPath : path.dirname(source.file);
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '');
  const trace = path.join(base, 'hindsight-traces', `${path.parse(source.file).name}-${stamp}`);
  try {
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Hindsight', cancellable: true }, async (progress, token) => {
      progress.report({ message: `recording ${path.basename(source.file)}…` });
      await runLauncher(plan.command, ['record', '-o', trace, source.file], path.dirname(source.file), output, token);
      progress.report({ message: 'indexing the recording (hindsight build)…' });
      await runLauncher(plan.command, ['build', trace], base, output, token);
    });
  } catch (e) {
    output.show(true);
    vscode.window.showErrorMessage(`Hindsight: ${e.message}`);
    return;
  }
  await vscode.debug.startDebugging(source.folder, {
    type: 'hindsight', request: 'launch', name: `Hindsight: replay ${path.basename(trace)}`, trace, stopOnEntry: true,
  });
}

function registerFileCommands(context, output) {
  context.subscriptions.push(
    vscode.commands.registerCommand('hindsight.debugCurrentFile', async () => {
      const source = await currentSource();
      if (source) await vscode.debug.startDebugging(source.folder, currentFileConfiguration(source.file));
    }),
    vscode.commands.registerCommand('hindsight.recordAndDebugCurrentFile', () => recordAndDebug(output)),
  );
}

module.exports = { registerFileCommands };
