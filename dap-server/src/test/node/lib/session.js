'use strict';
// One debug session driven by @vscode/debugadapter-testsupport's DebugClient: spawns the adapter,
// queues every event so none is missed between requests, and always kills the adapter at the end.
const { spawn } = require('child_process');
const net = require('net');
const { DebugClient } = require('@vscode/debugadapter-testsupport');
const { adapterCommand } = require('./adapter');

const EVENTS = ['initialized', 'stopped', 'continued', 'exited', 'terminated', 'thread', 'output', 'breakpoint',
  'module', 'loadedSource', 'process', 'capabilities', 'invalidated', 'memory', 'progressStart', 'progressUpdate', 'progressEnd', 'hindsight/waitingForInput'];
const TIMEOUT = Number(process.env.HINDSIGHT_DAP_TIMEOUT_MS || 60000);

class Session {
  /** Starts an adapter: Hindsight's by default, or any DAP adapter command line (with child_process.spawn's options: env, cwd). */
  constructor(command = adapterCommand(), spawnOptions = {}) {
    this.dc = new DebugClient(command[0], '', 'hindsight');
    this.dc.defaultTimeout = TIMEOUT;
    this.events = [];
    this.waiters = [];
    this.stderr = '';
    this.unsolicited = []; // responses to requests this client did not send through DebugClient (raw frames)
    const dispatch = this.dc.dispatch.bind(this.dc);
    this.dc.dispatch = body => {
      const m = JSON.parse(body);
      if (m.type === 'response' && !this.dc.pendingRequests.has(m.request_seq)) this.unsolicited.push(m);
      dispatch(body);
    };
    for (const name of EVENTS) this.dc.on(name, e => this.record(e));
    if (typeof command === 'number') {
      this.socket = net.connect(command, '127.0.0.1');
      this.connected = new Promise((resolve, reject) => this.socket.on('connect', resolve).on('error', reject));
      this.exited = new Promise(resolve => this.socket.on('close', () => resolve({ code: 0 })));
      this.dc.connect(this.socket, this.socket);
      return;
    }
    this.proc = spawn(command[0], command.slice(1), { ...spawnOptions, stdio: ['pipe', 'pipe', 'pipe'] });
    this.proc.stderr.on('data', d => { this.stderr = (this.stderr + d).slice(-20000); });
    this.proc.on('error', e => { this.spawnError = e; });
    // close() may write its disconnect in the moment between the adapter closing its end and node
    // seeing it exit; that EPIPE is not a failure of the test (its exit is what tests check), and
    // unhandled it fails the whole file as an uncaught exception after its last test.
    this.proc.stdin.on('error', e => { this.stdinError = e; });
    this.exited = new Promise(resolve => this.proc.on('exit', (code, signal) => resolve({ code, signal })));
    // Once the adapter is gone no event or response can come: waits and requests end saying so
    // (DebugClient's requests have no timeout and our waits' timers are unref'd, so otherwise node
    // would end the test as "cancelled", with nothing to read). 100 ms: the last frames it wrote.
    this.exited.then(how => setTimeout(() => this.adapterGone(how), 100));
    this.dc.connect(this.proc.stdout, this.proc.stdin);
  }

  /** A session over a TCP connection to an adapter started with --port. */
  static overSocket(t, port) {
    const s = new Session(port);
    t.after(() => s.close());
    return s;
  }

  /** A session whose adapter is killed when the test ends, whatever happens. */
  static open(t, command, spawnOptions) {
    const s = new Session(command, spawnOptions);
    t.after(() => s.close());
    return s;
  }

  adapterGone(how) {
    this.gone = how;
    const message = `the adapter exited (${JSON.stringify(how)}); its stderr's tail: ${this.stderr.slice(-2000)}`;
    for (const [seq, answer] of [...this.dc.pendingRequests]) {
      this.dc.pendingRequests.delete(seq);
      answer({ type: 'response', request_seq: seq, success: false, message, adapterGone: true });
    }
    this.record(null);
  }

  record(event) {
    if (event) this.events.push(event);
    for (const w of [...this.waiters]) w();
  }

  /** The next not yet consumed event of a type or of a list of types (matching pred), waiting up to timeout ms. */
  event(type, pred = () => true, timeout = TIMEOUT) {
    const types = Array.isArray(type) ? type : [type];
    return new Promise((resolve, reject) => {
      const check = () => {
        const i = this.events.findIndex(e => types.includes(e.event) && !e.consumed && pred(e));
        if (i < 0 && this.gone) {
          done();
          reject(new Error(`no '${type}' event: the adapter exited (${JSON.stringify(this.gone)}); events so far: ` +
            this.events.map(e => e.event).join(' ') + '\nadapter stderr tail: ' + this.stderr.slice(-2000)));
          return true;
        }
        if (i < 0) return false;
        this.events[i].consumed = true;
        done();
        resolve(this.events[i]);
        return true;
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`no '${type}' event within ${timeout} ms; events so far: ` +
          this.events.map(e => e.event + (e.body && e.body.reason ? ':' + e.body.reason : '')).join(' ') +
          '\nadapter stderr tail: ' + this.stderr.slice(-2000)));
      }, timeout);
      timer.unref(); // a forgotten wait must not keep the test process alive
      const done = () => { clearTimeout(timer); this.waiters = this.waiters.filter(w => w !== check); };
      if (!check()) this.waiters.push(check);
    });
  }

  /** All output text of a category so far (stdout, stderr, console, …). */
  output(category) {
    return this.events.filter(e => e.event === 'output' && (!category || e.body.category === category))
      .map(e => e.body.output).join('');
  }

  /** Waits until the output of a category contains text. */
  async outputContaining(category, text, timeout = TIMEOUT) {
    const deadline = Date.now() + timeout;
    while (!this.output(category).includes(text)) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no ${category} output '${text}'; got '${this.output(category)}'`);
      await this.event('output', () => true, left).catch(() => {});
    }
  }

  request(command, args) {
    return this.dc.send(command, args);
  }

  /**
   * Sends a request and returns the raw response, successful or not. Fails when the adapter exits
   * instead of answering: the failure adapterGone makes up for a pending request is not the
   * adapter's, and would satisfy a test's "this request is refused".
   */
  raw(command, args) {
    if (this.gone) return Promise.reject(new Error(`${command}: the adapter had exited (${JSON.stringify(this.gone)})`));
    return new Promise((resolve, reject) => this.dc.doSend(command, args,
      r => (r.adapterGone ? reject(new Error(`${command}: ${r.message}`)) : resolve(r))));
  }

  async initialize(args = {}) {
    const r = await this.request('initialize', {
      clientID: 'hindsight-tests', adapterID: 'hindsight', linesStartAt1: true, columnsStartAt1: true,
      pathFormat: 'path', supportsVariableType: true, supportsVariablePaging: true, supportsMemoryReferences: true,
      supportsInvalidatedEvent: true, supportsMemoryEvent: true, ...args,
    });
    this.capabilities = r.body || {};
    return this.capabilities;
  }

  /**
   * initialize, launch, then (after the initialized event) configure breakpoints and send
   * configurationDone; the launch response may come before or after configurationDone.
   */
  async launch(args, configure = async () => {}, request = 'launch') {
    if (!this.capabilities) await this.initialize();
    const launched = this.request(request, args);
    launched.catch(() => {});
    // a launch that fails before `initialized` must not leave us waiting for it
    await Promise.race([this.event('initialized'), launched.then(() => new Promise(() => {}))]);
    await configure(this);
    await this.request('configurationDone');
    await launched;
    return this;
  }

  /** The next stopped event, checked to have the given reason. */
  async stopped(reason) {
    const e = await this.event('stopped');
    if (reason && e.body.reason !== reason) {
      throw new Error(`stopped for '${e.body.reason}' (${e.body.description || ''}), expected '${reason}'`);
    }
    this.threadId = e.body.threadId;
    return e.body;
  }

  async frames(levels = 20) {
    const r = await this.request('stackTrace', { threadId: this.threadId, startFrame: 0, levels });
    return r.body.stackFrames;
  }

  async top() {
    return (await this.frames(1))[0];
  }

  async scopes(frameId) {
    if (frameId === undefined) frameId = (await this.top()).id;
    return (await this.request('scopes', { frameId })).body.scopes;
  }

  async scope(name, frameId) {
    const s = (await this.scopes(frameId)).find(x => x.name === name);
    if (!s) throw new Error(`no scope ${name}`);
    return s;
  }

  async variables(variablesReference, extra = {}) {
    return (await this.request('variables', { variablesReference, ...extra })).body.variables;
  }

  /** name → variable of a scope of the top frame. */
  async scopeVariables(name, frameId) {
    const s = await this.scope(name, frameId);
    return Object.fromEntries((await this.variables(s.variablesReference)).map(v => [v.name, v]));
  }

  async evaluate(expression, extra = {}) {
    const frameId = extra.frameId !== undefined ? extra.frameId : (await this.top()).id;
    return (await this.request('evaluate', { expression, frameId, context: 'watch', ...extra })).body;
  }

  /** Sends a stepping or resuming request and waits for the stop it causes. */
  async step(command, args = {}, reason = 'step') {
    await this.request(command, { threadId: this.threadId, ...args });
    return this.stopped(reason);
  }

  async close() {
    // The grace timers are unref'd: a race already won must not keep the test file's process
    // alive for their 3 s after its last test. While they are still needed the adapter's process
    // or socket keeps node's loop alive, and its end (this.exited) ends the race.
    const grace = value => new Promise(r => setTimeout(() => r(value), 3000).unref());
    if (this.socket) {
      if (!this.socket.destroyed) {
        await Promise.race([this.raw('disconnect', { terminateDebuggee: true }).catch(() => {}), this.exited, grace()]);
        this.socket.destroy();
      }
      return;
    }
    if (!this.proc || this.proc.exitCode !== null || this.proc.signalCode !== null) return;
    const bye = this.raw('disconnect', { terminateDebuggee: true });
    const answered = await Promise.race([bye.then(() => true, () => false), this.exited, grace()]);
    // An adapter that answered its disconnect is ending by itself: a SIGTERM now would land in the
    // middle of that (its shutdown hook closing the session a second time), so it gets a generous
    // while to exit (only a hang waits it out) before being terminated.
    if (answered === true) await Promise.race([this.exited, new Promise(r => setTimeout(r, 60000).unref())]);
    if (this.proc.exitCode !== null || this.proc.signalCode !== null) return;
    this.proc.kill('SIGTERM');
    const gone = await Promise.race([this.exited, grace(null)]);
    if (!gone) this.proc.kill('SIGKILL');
    await this.exited;
  }
}

module.exports = { Session, TIMEOUT };
