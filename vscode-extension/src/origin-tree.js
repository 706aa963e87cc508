// The "Value Origin" view: the nodes hindsight/valueOrigin answered, each expanded on demand by
// sending its id back ({id} → {children: [...]}). The instruction that wrote a value goes to its
// moment when clicked. Node shape (README, hindsight/valueOrigin): {id, kind, role, label, time,
// pc, value?, expandable, source?, line?, children?}.
'use strict';
const vscode = require('vscode');

class OriginTree {
  constructor() {
    this.roots = [];
    this.session = undefined;
    this.changed = new vscode.EventEmitter();
    this.onDidChangeTreeData = this.changed.event;
  }

  wrap(node, parent) {
    return { ...node, parent, session: this.session };
  }

  show(session, expression, nodes) {
    this.session = session;
    this.expression = expression;
    this.roots = nodes.map((n) => this.wrap(n, undefined));
    this.changed.fire();
  }

  forget(session) {
    if (session !== this.session) return;
    this.roots = [];
    this.session = undefined;
    this.changed.fire();
  }

  getParent(node) {
    return node.parent;
  }

  getTreeItem(node) {
    const expandable = node.expandable || (node.children && node.children.length);
    const item = new vscode.TreeItem(node.label, expandable ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    const writer = node.kind === 'instruction';
    const line = node.line ? `${String(node.source || '').split('/').pop()}:${node.line}` : '';
    const where = writer ? [line, `time ${Number(node.time).toLocaleString('en-US')}`].filter(Boolean).join(', ') : '';
    item.description = [node.role === 'address' ? 'address' : node.kind, where].filter(Boolean).join(' — ');
    if (writer) item.command = { command: 'hindsight.goToTime', title: 'Go to this moment', arguments: [node] };
    return item;
  }

  async getChildren(node) {
    if (!node) return this.roots;
    if (node.children) return node.children.map((c) => this.wrap(c, node));
    if (!node.expandable || !node.session) return [];
    try {
      const body = await node.session.customRequest('hindsight/valueOrigin', { id: node.id });
      node.children = (body && body.children) || [];
    } catch (e) {
      node.children = [{ label: `(${e.message || e})` }];
    }
    return node.children.map((c) => this.wrap(c, node));
  }
}

module.exports = { OriginTree };
