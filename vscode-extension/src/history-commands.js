// Questions about a recorded run's history, asked with Hindsight's custom DAP requests:
// "Show Value Origin" (hindsight/valueOrigin, a tree expanded node by node) and "Show Executions
// of Line" (hindsight/executions, a pick list; picking one goes there with hindsight/goto). A live
// session, or an adapter without these requests, answers with an error: it is shown as it is,
// with what the command needs.
'use strict';
const vscode = require('vscode');
const { OriginTree } = require('./origin-tree');

const needsRecording = 'needs a recorded run indexed by "hindsight build" (Hindsight: Record and Debug Current File)';

function hindsightSession() {
  const session = vscode.debug.activeDebugSession;
  if (!session || session.type !== 'hindsight') {
    vscode.window.showErrorMessage('Hindsight: no Hindsight debug session is active.');
    return undefined;
  }
  return session;
}

function refused(command, error) {
  vscode.window.showErrorMessage(`Hindsight: "${command}" ${needsRecording}. This session says: ${error.message || error}`);
}

async function showValueOrigin(tree, treeView, context) {
  const session = hindsightSession();
  if (!session) return;
  // From the Variables view's context menu: {container, variable}; from the palette: ask.
  let args;
  if (context && context.variable) {
    args = { expression: context.variable.evaluateName || context.variable.name };
  } else {
    const expression = await vscode.window.showInputBox({ prompt: 'Where did the value of which expression come from?', placeHolder: 'a variable, *pointer, $rax…' });
    if (!expression) return;
    args = { expression };
  }
  const frame = vscode.debug.activeStackItem;
  if (frame && frame.frameId !== undefined) args.frameId = frame.frameId;
  let body;
  try {
    body = await session.customRequest('hindsight/valueOrigin', args);
  } catch (e) {
    refused('Show Value Origin', e);
    return;
  }
  // {node, children}: the value asked about, and what wrote it (each expanded by its id later).
  tree.show(session, args.expression, body && body.node ? [{ ...body.node, children: body.children || [] }] : []);
  await vscode.commands.executeCommand('setContext', 'hindsight.valueOriginShown', true);
  if (tree.roots.length) treeView.reveal(tree.roots[0], { focus: true, expand: true });
}

async function showExecutionsOfLine(uri) {
  const session = hindsightSession();
  if (!session) return;
  const editor = vscode.window.activeTextEditor;
  if (!editor) return;
  // From the line number's context menu the argument carries the clicked line.
  const line = uri && uri.lineNumber ? uri.lineNumber : editor.selection.active.line + 1;
  const word = editor.document.getWordRangeAtPosition(editor.selection.active);
  const typed = await vscode.window.showInputBox({
    prompt: `Executions of line ${line}: expressions to show at each (comma-separated, may be empty)`,
    value: word ? editor.document.getText(word) : '',
  });
  if (typed === undefined) return;
  const expressions = typed.split(',').map((e) => e.trim()).filter(Boolean);
  let body;
  try {
    body = await session.customRequest('hindsight/executions', {
      source: { path: editor.document.uri.fsPath }, line, expressions, start: 0, count: 500,
    });
  } catch (e) {
    refused('Show Executions of Line', e);
    return;
  }
  const executions = (body && body.executions) || [];
  const items = executions.map((x, i) => ({
    label: `#${i + 1}  time ${Number(x.time).toLocaleString('en-US')}`,
    description: Object.entries(x.values || {}).map(([k, v]) => `${k} = ${v}`).join(', '),
    time: x.time,
  }));
  const picked = await vscode.window.showQuickPick(items, {
    placeHolder: `line ${line}: ${body && body.total !== undefined ? body.total : items.length} executions${items.length < (body && body.total) ? ` (first ${items.length})` : ''}; pick one to go there`,
    matchOnDescription: true,
  });
  if (picked) await goTo(session, picked.time);
}

async function goTo(session, time) {
  try {
    await session.customRequest('hindsight/goto', { time });
  } catch (e) {
    refused('Go to time', e);
  }
}

function registerHistoryCommands(context) {
  const tree = new OriginTree();
  const treeView = vscode.window.createTreeView('hindsight.valueOrigin', { treeDataProvider: tree });
  context.subscriptions.push(
    treeView,
    vscode.commands.registerCommand('hindsight.showValueOrigin', (ctx) => showValueOrigin(tree, treeView, ctx)),
    vscode.commands.registerCommand('hindsight.showExecutionsOfLine', showExecutionsOfLine),
    vscode.commands.registerCommand('hindsight.goToTime', (node) => goTo(node.session, node.time)),
    vscode.debug.onDidTerminateDebugSession((s) => tree.forget(s)),
  );
}

module.exports = { registerHistoryCommands };
