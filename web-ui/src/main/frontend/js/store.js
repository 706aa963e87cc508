// What survives a reload: the draft being edited, the watched expressions and, per session id,
// what was compiled and the secret that proves this tab started it (the server reattaches a
// session only with it; a copied URL alone does not open someone else's session).
const DRAFT = 'hindsight:draft';
const WATCHES = 'hindsight:watches';
const FLAVOR = 'hindsight:flavor';
const session = (id) => `hindsight:session:${id}`;
const secret = (id) => `hindsight:secret:${id}`;

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
export const loadSecret = (id) => load(secret(id));
export const saveSecret = (id, s) => save(secret(id), s);
export const loadWatches = () => load(WATCHES) ?? [];
export const saveWatches = (list) => save(WATCHES, list);
export const loadFlavor = () => load(FLAVOR) ?? 'att';
export const saveFlavor = (f) => save(FLAVOR, f);
