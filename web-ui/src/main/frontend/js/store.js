// What survives a reload: the draft being edited and, per session id, what was compiled.
const DRAFT = 'hindsight:draft';
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
