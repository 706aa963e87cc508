// The page on a served recording (hindsight serve TRACE_DIR): the same panels as a live program,
// plus the timeline, every execution of a line (from the source gutter) and the notebook.
import { $, el } from './dom.js';
import { Timeline } from './timeline.js';

const number = (n) => Number(n).toLocaleString('en');
const PAGE = 100;

export class Recording {
  /** @param parts {dbg, editor, status, watches(), frames()} */
  constructor(parts) {
    Object.assign(this, parts);
    this.now = null;
    this.breakpoints = new Map(); // source path → breakpoint lines, so each file keeps its own
    this.firstStop = new Promise((resolve) => { this.stoppedOnce = resolve; });
    this.timeline = new Timeline($('timelineTrack'), $('timeLabel'), (time) => this.goTo(time));
    this.editor.setReadOnly(true);
    this.editor.enableExecutions((line) => this.showExecutions(line).catch((e) => this.status(`Executions: ${e.message}`, true)));
    $('noteForm').addEventListener('submit', (e) => {
      e.preventDefault();
      this.addNote().catch((err) => this.status(`Note: ${err.message}`, true));
    });
  }

  /** Shows the page's recording parts; `mode` is /mode.json's trace: {name, notebook}. */
  open(mode) {
    document.body.classList.add('trace');
    for (const e of document.querySelectorAll('.trace-only')) e.hidden = false;
    $('traceName').textContent = `Recording: ${mode.name}`;
    $('notebookStorage').textContent = mode.notebook === 'disk' ? 'saved with the server (--storage)'
      : 'kept in memory only: lost when the server stops (serve --storage DIR keeps it)';
    document.title = `${mode.name} — Hindsight`;
  }

  goTo(time) {
    return this.dbg.goTo(time).catch((e) => this.status(`Go to time ${number(time)}: ${e.message}`, true));
  }

  /** The file the program is in now, from the server's source trees. */
  async showSource(source) {
    this.keepBreakpoints();
    let text;
    try {
      text = await this.dbg.sourceText(source);
    } catch (e) {
      text = `// ${source.name ?? source.path}: ${e.message}\n`;
    }
    this.shownPath = source.path;
    this.editor.setText(text, { silent: true });
    this.editor.setBreakpointLines(this.breakpoints.get(source.path) ?? []);
    $('fileName').textContent = source.name ?? '';
  }

  /** Breakpoints changed: the timeline's breakpoint markers are asked for again at the next stop. */
  invalidateTimeline() {
    this.markers = null;
  }

  keepBreakpoints() {
    this.invalidateTimeline();
    if (this.shownPath) this.breakpoints.set(this.shownPath, this.editor.breakpointLines());
    this.saveView();
  }

  /** Keeps what the page shows (breakpoints, watches, the time) with the server, which keeps it in --storage. */
  saveView() {
    if (!this.restored) return; // not before the kept view came back: it would be overwritten
    const view = {
      breakpoints: Object.fromEntries([...this.breakpoints].filter(([, lines]) => lines.length)),
      watches: this.watches(), time: this.now,
    };
    const json = JSON.stringify(view);
    if (json === this.savedView) return;
    this.savedView = json;
    this.dbg.request('hindsight/view/set', { view }).catch((e) => this.status(`Keeping the view: ${e.message}`, true));
  }

  /** Brings back the kept view after the recording opened: breakpoints in every file, watches, the moment. */
  async restoreView(saveWatches) {
    try {
      const { view } = await this.dbg.request('hindsight/view', {});
      this.savedView = JSON.stringify(view ?? {});
      const known = new Set(this.watches());
      if (Array.isArray(view?.watches)) saveWatches([...known, ...view.watches.filter((w) => typeof w === 'string' && !known.has(w))]);
      for (const [path, lines] of Object.entries(view?.breakpoints ?? {})) {
        if (!Array.isArray(lines)) continue;
        this.breakpoints.set(path, lines);
        if (path === this.shownPath) this.editor.setBreakpointLines(lines);
        await this.dbg.request('setBreakpoints', {
          source: { path, name: path.split('/').pop() }, breakpoints: lines.map((line) => ({ line })), lines,
        });
      }
      if (Number.isInteger(view?.time) && view.time !== this.now && this.dbg.capabilities?.supportsStepBack) await this.goTo(view.time);
    } finally {
      this.restored = true;
    }
  }

  /** After every stop: where the timeline stands, and what in the lists is the current moment. The
   * markers (up to a few thousand) are asked for once and again only when breakpoints changed; a
   * step's own answer (stopState) says the time. */
  async afterStop(stop = {}) {
    try {
      const t = stop.time != null && this.markers ? { ...this.markers, now: stop.time } : await this.dbg.timeline();
      this.markers = t;
      this.now = Number(t.now);
      this.timeline.render(t);
      // A page that reattached learns of reverse execution here: the capabilities event came with the launch.
      if (this.dbg.reconnecting && !this.dbg.capabilities?.supportsStepBack) this.dbg.addCapabilities({ supportsStepBack: true });
    } catch (e) {
      this.now = null;
      $('timeLabel').textContent = `no timeline: ${e.message}`;
    }
    for (const li of document.querySelectorAll('#executions li, #notes li')) {
      li.classList.toggle('current', this.now != null && Number(li.dataset.time) === this.now);
    }
    if (!this.notesLoaded) await this.loadNotes();
    this.saveView();
    this.stoppedOnce();
  }

  async showExecutions(line, start = 0) {
    const path = this.dbg.sourcePath;
    if (!path) return;
    const expressions = this.watches();
    const r = await this.dbg.executions(path, line, expressions, start, PAGE);
    const name = path.split('/').pop();
    $('executionsTitle').textContent = `${name}:${line} ran ${number(r.total)} time${r.total === 1 ? '' : 's'}`;
    const list = start > 0 ? $('executions').querySelector('ol') : el('ol', { 'aria-label': `Executions of line ${line}` });
    list.querySelector('li.more')?.remove();
    for (const [i, x] of (r.executions ?? []).entries()) {
      const values = Object.entries(x.values ?? {}).map(([k, v]) => `${k} = ${v}`).join(', ');
      const li = el('li', { 'data-time': String(x.time) },
        el('button', { type: 'button', text: `#${number(start + i + 1)}  time ${number(x.time)}${values ? `  ${values}` : ''}`,
          onclick: () => this.goTo(Number(x.time)) }));
      li.classList.toggle('current', Number(x.time) === this.now);
      list.append(li);
    }
    const shown = start + (r.executions ?? []).length;
    if (shown < r.total) {
      list.append(el('li', { class: 'more' }, el('button', {
        type: 'button', text: `${number(r.total - shown)} more…`, onclick: () => this.showExecutions(line, shown),
      })));
    }
    if (start === 0) $('executions').replaceChildren(list);
  }

  /** Where `expression`'s value came from (hindsight/valueOrigin): its writer, what that read; each level on demand. */
  async showOrigin(expression) {
    const r = await this.dbg.request('hindsight/valueOrigin', { expression });
    $('originTitle').textContent = `of ${expression} at time ${number(this.now ?? r.node?.time ?? 0)}`;
    const list = el('ol', { 'aria-label': `Origin of ${expression}` }, this.originItem(r.node, r.children));
    $('origin').replaceChildren(list);
  }

  originItem(node, children) {
    const where = node.line ? `  ${String(node.source ?? '').split('/').pop()}:${node.line}` : '';
    const text = `${node.role === 'address' ? '(address) ' : ''}${node.label}${where}`;
    const li = el('li', { 'data-kind': node.kind, 'data-role': node.role, 'data-time': String(node.time) },
      node.kind === 'instruction'
        ? el('button', { type: 'button', class: 'go', text: `${text}  time ${number(node.time)}`, title: 'Go to this instruction',
          onclick: () => this.goTo(Number(node.time)) })
        : el('span', { text }));
    const more = el('ol');
    const fill = (kids) => more.replaceChildren(...kids.map((k) => this.originItem(k, null)));
    if (children) fill(children);
    else if (node.expandable) {
      li.append(el('button', { type: 'button', class: 'toggle', text: '▸', 'aria-label': `What ${node.label} came from`,
        onclick: (e) => {
          e.target.remove();
          this.dbg.request('hindsight/valueOrigin', { id: node.id }).then((r) => fill(r.children ?? []),
            (err) => this.status(`Origin: ${err.message}`, true));
        } }));
    }
    li.append(more);
    return li;
  }

  async loadNotes() {
    this.render(await this.dbg.notebook());
    this.notesLoaded = true;
  }

  /** Pins the note to this moment and the line shown for it (the top frame's). */
  async addNote() {
    const text = $('noteText').value.trim();
    if (!text) return;
    if (this.now == null) throw new Error('no moment to pin it to yet');
    const top = this.frames()[0];
    const args = { time: this.now, text };
    if (top?.source?.path) Object.assign(args, { path: top.source.path, line: top.line });
    this.render(await this.dbg.notebook('add', args));
    $('noteText').value = '';
  }

  render(book) {
    const notes = (book.notes ?? []).map((n) => {
      const where = n.path ? `${n.path.split('/').pop()}:${n.line}` : '';
      const li = el('li', { 'data-time': String(n.time) },
        el('button', { type: 'button', class: 'go', title: 'Go to this moment', onclick: () => this.goTo(Number(n.time)) },
          el('span', { class: 'when', text: `time ${number(n.time)}${where ? ` ${where}` : ''}` }), ' ', el('span', { class: 'text', text: n.text })),
        el('button', { type: 'button', class: 'delete', 'aria-label': `Delete note: ${n.text}`, text: '×',
          onclick: () => this.dbg.notebook('delete', { id: n.id }).then((b) => this.render(b), (e) => this.status(e.message, true)) }));
      li.classList.toggle('current', Number(n.time) === this.now);
      return li;
    });
    $('notes').replaceChildren(...notes);
  }
}
