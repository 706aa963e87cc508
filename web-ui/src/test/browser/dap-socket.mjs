// A DAP client on the server's /dap WebSocket for node tests: requests, events kept until asked
// for, the session the server gave (hindsight/session) and how the server closed the socket.
import WebSocket from 'ws';

export class DapSocket {
  /**
   * Connects to `url` (ws://…/dap?…); resolves once the server named the session, or rejects with
   * an Error carrying the server's close `code` and `reason` (or the HTTP status it refused with).
   */
  static open(url) {
    return new Promise((resolve, reject) => {
      const dap = new DapSocket(new WebSocket(url));
      dap.ws.on('unexpected-response', (req, res) => {
        req.destroy();
        reject(Object.assign(new Error(`HTTP ${res.statusCode}`), { status: res.statusCode }));
      });
      dap.ws.on('error', (e) => reject(e));
      // Refused connections never get the event: their wait ends unanswered, not as a failure.
      dap.event('hindsight/session').then((body) => { dap.session = body; resolve(dap); }, () => {});
      dap.closed.then(({ code, reason }) => reject(Object.assign(new Error(`closed ${code} ${reason}`), { code, reason })));
    });
  }

  constructor(ws) {
    this.ws = ws;
    this.seq = 1;
    this.pending = new Map();
    this.events = [];
    this.waiting = [];
    this.closed = new Promise((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: String(reason) })));
    ws.on('message', (data) => this.#receive(JSON.parse(data)));
  }

  request(command, args = {}) {
    const seq = this.seq++;
    this.ws.send(JSON.stringify({ seq, type: 'request', command, arguments: args }));
    return bounded(new Promise((resolve, reject) => this.pending.set(seq, { resolve, reject })), `${command} response`);
  }

  /** The body of the first event named `name` not asked for yet, now or when it comes. */
  event(name) {
    const i = this.events.findIndex((e) => e.event === name);
    if (i >= 0) return Promise.resolve(this.events.splice(i, 1)[0].body ?? {});
    return bounded(new Promise((resolve) => this.waiting.push({ name, resolve })), `${name} event`);
  }

  /** Initialize, launch `text` as main.c stopped at main; resolves with the stopped event's body. */
  async launch(text) {
    const initialized = this.event('initialized');
    await this.request('initialize', { adapterID: 'hindsight', linesStartAt1: true, columnsStartAt1: true });
    const stopped = this.event('stopped');
    const launched = this.request('launch', { sources: [{ name: 'main.c', text }], stopOnEntry: true });
    await Promise.race([initialized, launched]);
    await this.request('configurationDone');
    await launched;
    return stopped;
  }

  close() {
    this.ws.close(1000, 'done');
    return this.closed;
  }

  #receive(m) {
    if (m.type === 'response') {
      const p = this.pending.get(m.request_seq);
      this.pending.delete(m.request_seq);
      if (m.success) p?.resolve(m.body ?? {}); else p?.reject(new Error(`${m.command}: ${m.message}`));
    } else if (m.type === 'event') {
      const i = this.waiting.findIndex((w) => w.name === m.event);
      if (i >= 0) this.waiting.splice(i, 1)[0].resolve(m.body ?? {});
      else this.events.push(m);
    }
  }
}

/** `promise`, or a rejection after a minute: a test never waits for an answer that cannot come. */
function bounded(promise, what) {
  let timer;
  const late = new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`no ${what} within 60 s`)), 60_000).unref(); });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}
