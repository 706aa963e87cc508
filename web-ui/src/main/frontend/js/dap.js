// A DAP client over the server's /dap WebSocket, with ?batch=1: requests sent in the same task
// leave as one frame (a JSON array of messages), and what the server sends between two flushes
// arrives as one (a step's response, its stopped event and its stopState answer). In Chromium each
// frame costs an IPC message and a task in the renderer and the network service.

/** The close code, and a refused launch's error id, of "server busy" (RFC 6455's Try Again Later). */
const SERVER_BUSY = 1013;

export class DapClient {
  /** Without a session id: a new session. With one: that session, given the secret its creator got. */
  constructor(sessionId, secret) {
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    const query = sessionId
      ? `?session=${encodeURIComponent(sessionId)}&secret=${encodeURIComponent(secret ?? '')}&batch=1` : '?batch=1';
    this.url = `${scheme}//${location.host}/dap${query}`;
    this.seq = 1;
    this.outbox = [];
    this.pending = new Map();
    this.listeners = new Map();
    this.closed = false;
  }

  /**
   * Resolves once the server admitted the connection: its first message, hindsight/session, names
   * the session. Nothing is sent before: the server refuses a connection (server busy) with close
   * code 1013, after which Jetty drops the TCP connection at once, so a request already on its way
   * made the browser report an abnormal close (1006) instead of the refusal and its reason.
   */
  open() {
    this.socket = new WebSocket(this.url);
    const admitted = this.next('hindsight/session');
    this.socket.addEventListener('message', (e) => this.#receive(e.data));
    this.socket.addEventListener('close', (e) => {
      this.closed = true;
      // The close listeners say why first; requests cut short then fail as "closed", not as themselves.
      // A launch the server refused is followed by its close (1013), which can arrive as an abnormal
      // one (1006: Jetty drops the connection while a request the page sent behind the launch is
      // on its way): the refusal's code and reason then stand for it.
      this.#emit('close', this.refusal ?? { code: e.code, reason: e.reason });
      for (const { reject } of this.pending.values()) reject(Object.assign(new Error('connection closed'), { closed: true }));
      this.pending.clear();
    });
    return new Promise((resolve, reject) => {
      admitted.then(() => resolve(this));
      this.socket.addEventListener('error', () => reject(new Error('cannot connect to the server')), { once: true });
      // Refused before it was admitted: the close listeners above said why.
      this.socket.addEventListener('close', () => reject(Object.assign(new Error('connection closed'), { closed: true })), { once: true });
    });
  }

  /** Sends a request; resolves with the response body, rejects with the error message. */
  request(command, args = {}) {
    // Closed already: the close listeners said why (e.g. "Server busy"); callers must not say it over.
    if (this.closed) return Promise.reject(Object.assign(new Error('not connected'), { closed: true }));
    const seq = this.seq++;
    if (this.outbox.length === 0) queueMicrotask(() => this.#sendOutbox());
    this.outbox.push({ seq, type: 'request', command, arguments: args });
    return new Promise((resolve, reject) => this.pending.set(seq, { resolve, reject, command }));
  }

  on(event, fn) {
    if (!this.listeners.has(event)) this.listeners.set(event, []);
    this.listeners.get(event).push(fn);
  }

  /** Resolves with the body of the next event named `event`. */
  next(event) {
    return new Promise((resolve) => {
      const once = (body) => {
        const list = this.listeners.get(event);
        list.splice(list.indexOf(once), 1);
        resolve(body);
      };
      this.on(event, once);
    });
  }

  close() {
    this.closed = true;
    this.socket?.close(1000, 'done');
  }

  /** The requests of this task, in one frame (a lone one as itself). */
  #sendOutbox() {
    const out = this.outbox;
    this.outbox = [];
    if (this.closed || this.socket.readyState !== WebSocket.OPEN) return; // their promises fail with the close
    this.socket.send(JSON.stringify(out.length === 1 ? out[0] : out));
  }

  #receive(text) {
    let m;
    try { m = JSON.parse(text); } catch { return; }
    if (Array.isArray(m)) m.forEach((one) => this.#dispatch(one));
    else this.#dispatch(m);
  }

  #dispatch(m) {
    if (m.type === 'response') {
      const p = this.pending.get(m.request_seq);
      if (!p) return;
      this.pending.delete(m.request_seq);
      if (m.success) p.resolve(m.body ?? {});
      else if (m.body?.error?.id === SERVER_BUSY) {
        // Refused after this connection was admitted (the server filled up meanwhile): the close
        // that follows says so, as for a refused connection; the request must not say it over.
        this.refusal = { code: SERVER_BUSY, reason: m.body.error.format ?? m.message ?? '' };
        p.reject(Object.assign(new Error(this.refusal.reason), { closed: true }));
      } else p.reject(new Error(m.body?.error?.format ?? m.message ?? `${p.command} failed`));
    } else if (m.type === 'event') {
      this.#emit(m.event, m.body ?? {});
    }
  }

  #emit(event, body) {
    for (const fn of [...(this.listeners.get(event) ?? [])]) fn(body);
  }
}
