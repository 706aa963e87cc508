// The "Value Origin" view: the nodes hindsight/valueOrigin answered, each expanded on demand by
// sending its id back ({node: id} → {nodes: [...]}). A node with a time goes there when clicked.
// Node shape: {id, label, description?, time?, pc?, expandable?, children?}.
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
    const where = [node.time !== undefined ? `time ${Number(node.time).toLocaleString('en-US')}` : '', node.pc !== undefined ? `pc ${node.pc}` : ''].filter(Boolean).join(', ');
    item.description = [node.description, where].filter(Boolean).join(' — ');
    if (node.time !== undefined) item.command = { command: 'hindsight.goToTime', title: 'Go to this moment', arguments: [node] };
    return item;
  }

  async getChildren(node) {
    if (!node) return this.roots;
    if (node.children) return node.children.map((c) => this.wrap(c, node));
    if (!node.expandable || !node.session) return [];
    try {
      const body = await node.session.customRequest('hindsight/valueOrigin', { node: node.id });
      node.children = (body && body.nodes) || [];
    } catch (e) {
      node.children = [{ label: `(${e.message || e})` }];
    }
    return node.children.map((c) => this.wrap(c, node));
  }
}

module.exports = { OriginTree };
