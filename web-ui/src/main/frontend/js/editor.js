// The CodeMirror source editor: languages, compile diagnostics, a breakpoint gutter and the
// debugger's line highlights (current line, selected frame, lines related to hovered instructions).
import { EditorState, StateEffect, StateField, RangeSet, Compartment } from '@codemirror/state';
import {
  EditorView, Decoration, GutterMarker, gutter, keymap, lineNumbers, highlightActiveLineGutter,
  drawSelection, highlightSpecialChars,
} from '@codemirror/view';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { syntaxHighlighting, HighlightStyle, indentOnInput, bracketMatching } from '@codemirror/language';
import { tags as t } from '@lezer/highlight';
import { lintGutter, setDiagnostics } from '@codemirror/lint';
import { cpp } from '@codemirror/lang-cpp';
import { gasLanguage } from './asm-mode.js';
import { tintClass } from './tints.js';

// Token classes styled in style.css, so light and dark schemes both read well.
const highlightStyle = HighlightStyle.define([
  { tag: [t.keyword, t.controlKeyword, t.operatorKeyword, t.modifier, t.definitionKeyword], class: 'tok-keyword' },
  { tag: [t.typeName, t.standard(t.typeName)], class: 'tok-type' },
  { tag: [t.string, t.character, t.special(t.string)], class: 'tok-string' },
  { tag: [t.number, t.bool, t.null], class: 'tok-number' },
  { tag: [t.comment, t.lineComment, t.blockComment], class: 'tok-comment' },
  { tag: [t.processingInstruction, t.meta], class: 'tok-meta' },
  { tag: [t.function(t.variableName), t.function(t.definition(t.variableName)), t.labelName], class: 'tok-function' },
  { tag: [t.special(t.variableName)], class: 'tok-register' },
]);

const toggleBreakpoint = StateEffect.define({ map: (pos, mapping) => mapping.mapPos(pos) });
const clearBreakpoints = StateEffect.define();
const setLines = StateEffect.define();
const setTints = StateEffect.define();

class BreakpointMarker extends GutterMarker {
  toDOM() {
    const s = document.createElement('span');
    s.className = 'cm-bp-marker';
    s.textContent = '●';
    s.title = 'Breakpoint (click to remove)';
    return s;
  }
}
const breakpointMarker = new BreakpointMarker();

/** The executions gutter's button on every line (a served recording only): every time the line ran. */
class ExecutionsMarker extends GutterMarker {
  toDOM() {
    const s = document.createElement('span');
    s.className = 'cm-exec-marker';
    s.textContent = '⟲';
    s.title = 'Every execution of this line';
    return s;
  }
}
const executionsMarker = new ExecutionsMarker();

const breakpointField = StateField.define({
  create: () => RangeSet.empty,
  update(set, tr) {
    set = set.map(tr.changes);
    for (const e of tr.effects) {
      if (e.is(clearBreakpoints)) set = RangeSet.empty;
      if (!e.is(toggleBreakpoint)) continue;
      let exists = false;
      set.between(e.value, e.value, () => { exists = true; });
      set = exists
        ? set.update({ filter: (from) => from !== e.value })
        : set.update({ add: [breakpointMarker.range(e.value)] });
    }
    return set;
  },
});

const lineDecorations = StateField.define({
  create: () => Decoration.none,
  update(decos, tr) {
    decos = decos.map(tr.changes);
    for (const e of tr.effects) {
      if (!e.is(setLines)) continue;
      const { current, frame, related } = e.value;
      const doc = tr.state.doc;
      const ranges = [];
      const add = (line, cls) => {
        if (line >= 1 && line <= doc.lines) ranges.push(Decoration.line({ class: cls }).range(doc.line(line).from));
      };
      for (const l of related ?? []) if (l !== current && l !== frame) add(l, 'cm-related-line');
      if (frame && frame !== current) add(frame, 'cm-frame-line');
      if (current) add(current, 'cm-current-line');
      ranges.sort((a, b) => a.from - b.from);
      decos = Decoration.set(ranges, true);
    }
    return decos;
  },
  provide: (f) => EditorView.decorations.from(f),
});

// Each line that has instructions in the listing gets its tint (tints.js), as its instructions do.
const tintDecorations = StateField.define({
  create: () => Decoration.none,
  update(decos, tr) {
    decos = decos.map(tr.changes);
    for (const e of tr.effects) {
      if (!e.is(setTints)) continue;
      const doc = tr.state.doc;
      const lines = [...new Set(e.value)].filter((l) => l >= 1 && l <= doc.lines).sort((a, b) => a - b);
      decos = Decoration.set(lines.map((l) => Decoration.line({ class: tintClass(l) }).range(doc.line(l).from)));
    }
    return decos;
  },
  provide: (f) => EditorView.decorations.from(f),
});

export class SourceEditor {
  constructor(parent, { onBreakpointsChanged, onHoverLine, onCursorLine, onCompile }) {
    this.language = new Compartment();
    this.executions = new Compartment();
    this.editable = new Compartment();
    this.onBreakpointsChanged = onBreakpointsChanged;
    const bpGutter = gutter({
      class: 'cm-bp-gutter',
      markers: (v) => v.state.field(breakpointField),
      initialSpacer: () => breakpointMarker,
      domEventHandlers: {
        mousedown: (view, line) => this.#toggleAt(view, line.from),
      },
    });
    // In a shadow root CodeMirror's styles go into a constructed style sheet, which the page's
    // strict style-src admits; in the document they would be an inline <style> element.
    const shadow = parent.attachShadow({ mode: 'open' });
    const css = document.createElement('link');
    css.rel = 'stylesheet';
    css.href = 'style.css';
    const mount = document.createElement('div');
    mount.className = 'editor-mount';
    shadow.append(css, mount);
    this.mount = mount;
    this.view = new EditorView({
      parent: mount,
      root: shadow,
      state: EditorState.create({
        doc: '',
        extensions: [
          breakpointField, bpGutter, this.executions.of([]), this.editable.of([]), lineNumbers(), highlightActiveLineGutter(), lintGutter(),
          highlightSpecialChars(), history(), drawSelection(), indentOnInput(), bracketMatching(),
          syntaxHighlighting(highlightStyle),
          keymap.of([{ key: 'Mod-Enter', run: () => { onCompile(); return true; } },
            { key: 'F9', run: (view) => this.#toggleAt(view, view.state.doc.lineAt(view.state.selection.main.head).from) },
            ...defaultKeymap, ...historyKeymap, indentWithTab]),
          this.language.of(cpp()), tintDecorations, lineDecorations,
          EditorView.contentAttributes.of({ 'aria-label': 'Source code' }),
          EditorView.updateListener.of((u) => {
            if (u.selectionSet && u.transactions.some((tr) => tr.isUserEvent('select'))) {
              onCursorLine(u.state.doc.lineAt(u.state.selection.main.head).number);
            }
          }),
          EditorView.domEventHandlers({
            mousemove: (e, view) => {
              const pos = view.posAtCoords({ x: e.clientX, y: e.clientY });
              onHoverLine(pos == null ? null : view.state.doc.lineAt(pos).number);
            },
            mouseleave: () => onHoverLine(null),
          }),
        ],
      }),
    });
  }

  /** Shows the executions gutter; clicking it beside a line calls `onLine(line)`. */
  enableExecutions(onLine) {
    this.view.dispatch({ effects: this.executions.reconfigure(gutter({
      class: 'cm-exec-gutter',
      lineMarker: () => executionsMarker,
      initialSpacer: () => executionsMarker,
      domEventHandlers: {
        mousedown: (view, line) => { onLine(view.state.doc.lineAt(line.from).number); return true; },
      },
    })) });
  }

  /** Whether the text may be edited (a recording's sources are shown as they were). */
  setReadOnly(readOnly) {
    this.view.dispatch({ effects: this.editable.reconfigure(readOnly ? EditorState.readOnly.of(true) : []) });
  }

  #toggleAt(view, lineStart) {
    view.dispatch({ effects: toggleBreakpoint.of(lineStart) });
    this.onBreakpointsChanged(this.breakpointLines());
    return true;
  }

  get text() { return this.view.state.doc.toString(); }

  /** Replaces the text and clears the breakpoints; `silent` when the debugger already has its own. */
  setText(text, { silent = false } = {}) {
    this.view.dispatch({
      changes: { from: 0, to: this.view.state.doc.length, insert: text },
      effects: clearBreakpoints.of(null),
    });
    if (!silent) this.onBreakpointsChanged([]);
  }

  setLanguage(lang) {
    this.view.dispatch({ effects: this.language.reconfigure(lang === 'asm' ? gasLanguage : cpp()) });
  }

  breakpointLines() {
    const lines = [];
    const { state } = this.view;
    state.field(breakpointField).between(0, state.doc.length, (from) => { lines.push(state.doc.lineAt(from).number); });
    return lines;
  }

  setBreakpointLines(lines) {
    const doc = this.view.state.doc;
    const effects = [clearBreakpoints.of(null)];
    for (const l of lines) if (l >= 1 && l <= doc.lines) effects.push(toggleBreakpoint.of(doc.line(l).from));
    this.view.dispatch({ effects });
  }

  /** Compile diagnostics: [{line, column, severity, message}] with 1-based line and column. */
  showDiagnostics(list) {
    const doc = this.view.state.doc;
    const diagnostics = list.filter((d) => d.line >= 1 && d.line <= doc.lines).map((d) => {
      const line = doc.line(d.line);
      const from = Math.min(line.from + Math.max(0, (d.column ?? 1) - 1), line.to);
      // clang names a column, not a range: mark the word (or character) there.
      const word = /^\w+/.exec(doc.sliceString(from, line.to))?.[0].length ?? 1;
      return { from, to: Math.min(from + word, line.to), severity: d.severity, message: d.message, source: 'clang' };
    });
    this.view.dispatch(setDiagnostics(this.view.state, diagnostics));
  }

  /** Highlights: current line (top frame), selected frame's line, lines related to hovered instructions. */
  highlight({ current = null, frame = null, related = [] }) {
    this.view.dispatch({ effects: setLines.of({ current, frame, related }) });
  }

  /** Greys the line highlights while the program runs (they show where it was, not where it is). */
  setStale(stale) { this.mount.classList.toggle('stale', stale); }

  /** Puts the cursor on a line (as if the user selected it) and shows it. */
  selectLine(line) {
    const doc = this.view.state.doc;
    if (!line || line < 1 || line > doc.lines) return;
    this.view.dispatch({ selection: { anchor: doc.line(line).from }, userEvent: 'select', scrollIntoView: true });
  }

  /** Tints the source lines that have instructions in the listing ([] removes the tints). */
  setTints(lines) {
    this.view.dispatch({ effects: setTints.of(lines) });
  }

  reveal(line) {
    const doc = this.view.state.doc;
    if (!line || line < 1 || line > doc.lines) return;
    this.view.dispatch({ effects: EditorView.scrollIntoView(doc.line(line).from, { y: 'nearest' }) });
  }
}
