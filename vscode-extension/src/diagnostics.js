// Compiler messages from the adapter (output events with data.kind "diagnostic") become problems
// at their line, so a failed compile shows in the Problems view and as squiggles, as a build task's
// would. They stay after the session ends (a failed launch ends it at once) until the next launch.
'use strict';
const vscode = require('vscode');
const { diagnosticOf } = require('./plan');

const severities = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
};

function registerDiagnostics(context) {
  const collection = vscode.languages.createDiagnosticCollection('hindsight');
  const tracker = {
    createDebugAdapterTracker() {
      const found = new Map(); // path → Diagnostic[]
      collection.clear();
      return {
        onDidSendMessage(message) {
          if (message.type !== 'event' || message.event !== 'output') return;
          const d = diagnosticOf(message.body);
          if (!d) return;
          const at = new vscode.Position(d.line, d.column);
          const diagnostic = new vscode.Diagnostic(new vscode.Range(at, at.translate(0, 1)), d.message, severities[d.severity]);
          diagnostic.source = 'hindsight (clang)';
          const list = found.get(d.path) || [];
          list.push(diagnostic);
          found.set(d.path, list);
          collection.set(vscode.Uri.file(d.path), list);
        },
      };
    },
  };
  context.subscriptions.push(collection, vscode.debug.registerDebugAdapterTrackerFactory('hindsight', tracker));
}

module.exports = { registerDiagnostics };
