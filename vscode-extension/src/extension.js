// Hindsight for VS Code: the `hindsight` debug type (its adapter is `hindsight dap`), compiler
// messages as problems, and the commands of the palette, the editor and the Variables view.
'use strict';
const vscode = require('vscode');
const { adapterPlan, languages } = require('./plan');
const { registerDiagnostics } = require('./diagnostics');
const { registerFileCommands } = require('./file-commands');
const { registerHistoryCommands } = require('./history-commands');

/** Starts `hindsight dap` (or connects to a running one); a missing launcher or Java is said plainly. */
class AdapterFactory {
  createDebugAdapterDescriptor(session) {
    const settings = vscode.workspace.getConfiguration('hindsight', session.workspaceFolder && session.workspaceFolder.uri);
    const plan = adapterPlan({ launcherPath: settings.get('path', ''), server: settings.get('server', '') });
    if (plan.error) {
      vscode.window.showErrorMessage(plan.error, 'Open Settings').then((choice) => {
        if (choice) vscode.commands.executeCommand('workbench.action.openSettings', 'hindsight.');
      });
      throw new Error(plan.error);
    }
    if (plan.server) return new vscode.DebugAdapterServer(plan.server.port, plan.server.host);
    return new vscode.DebugAdapterExecutable(plan.command, plan.args);
  }
}

/** F5 with no launch.json: debug the open C, C++ or assembly file. */
class ConfigurationProvider {
  resolveDebugConfiguration(folder, config) {
    if (!config.type && !config.request && !config.name) {
      const editor = vscode.window.activeTextEditor;
      if (!editor || !languages.includes(editor.document.languageId)) {
        vscode.window.showInformationMessage('Hindsight: open a C, C++ or assembly file to debug it, or add a launch configuration.');
        return undefined;
      }
      return { type: 'hindsight', request: 'launch', name: 'Hindsight: debug the current file', program: editor.document.uri.fsPath, stopOnEntry: true };
    }
    return config;
  }
}

function activate(context) {
  vscode.commands.executeCommand('setContext', 'hindsight.languages', languages);
  const output = vscode.window.createOutputChannel('Hindsight');
  context.subscriptions.push(
    output,
    vscode.debug.registerDebugAdapterDescriptorFactory('hindsight', new AdapterFactory()),
    vscode.debug.registerDebugConfigurationProvider('hindsight', new ConfigurationProvider()),
  );
  registerDiagnostics(context);
  registerFileCommands(context, output);
  registerHistoryCommands(context);
}

function deactivate() {}

module.exports = { activate, deactivate };
