// What survives a reload: the draft being edited, the watched expressions and, per session id,
// what was compiled.
const DRAFT = 'hindsight:draft';
const WATCHES = 'hindsight:watches';
const session = (id) => `hindsight:session:${id}`;

function load(key) {
  try { return JSON.parse(sessionStorage.getItem(key) ?? 'null'); } catch { return null; }
}

function save(key, value) {
  try { sessionStorage.setItem(key, JSON.stringify(value)); } catch { /* storage full or disabled */ }
}

export const loadDraft = () => load(DRAFT);
export const saveDraft = (s) => save(DRAFT, s);
export const loadSession = (id) => load(session(id));
export const saveSession = (id, s) => save(session(id), s);
export const loadWatches = () => load(WATCHES) ?? [];
export const saveWatches = (list) => save(WATCHES, list);
