'use strict';
// The DAP benchmarks' own client (dap-step-rate.js, dap-step-ab.js, dap-step-profile.js): raw
// Content-Length framing on the adapter's stdio, JSON.parse of each body, a map from seq to the
// waiting request; nothing else per message, so that the figures measure the adapter, not the
// client. @vscode/debugadapter-testsupport's DebugClient, which the DAP test suite uses, put its
// floor against an adapter that answers at once at 2,451 round trips/s in one quiet run, below
// twice gdb's rate (in later loaded runs the two clients' floors did not differ beyond the noise:
// the echo adapter and the pipes make most of a floor). gdb's MI peer (dap-step-rate.js openGdb)
// is as lean: a line split and a prefix test.
// Usage: const s = await LeanSession.stoppedAtMain(command, program, env); await s.roundTrip(); await s.close()
const { spawn } = require('child_process');

const TIMEOUT = 60000;
const HEADER_END = Buffer.from('\r\n\r\n');

class LeanSession {
  constructor(command, env) {
    this.proc = spawn(command[0], command.slice(1), { stdio: ['pipe', 'pipe', 'pipe'], ...(env ? { env } : {}) });
    this.seq = 1;
    this.pending = new Map(); // request seq -> { resolve, reject, command }
    this.events = []; // not yet consumed events
    this.waiter = null; // the one event wait (the benchmarks never wait for two at once)
    this.input = null;
    this.stderr = '';
    this.proc.stderr.on('data', d => { this.stderr = (this.stderr + d).slice(-4000); });
    this.proc.stdin.on('error', () => {}); // EPIPE after the adapter ended: close() handles it
    this.proc.stdout.on('data', chunk => this.read(chunk));
    this.exited = new Promise(resolve => this.proc.on('exit', (code, signal) => {
      const why = new Error(`the adapter exited (${code ?? signal}); its stderr's tail: ${this.stderr}`);
      for (const p of this.pending.values()) p.reject(why);
      this.pending.clear();
      if (this.waiter) this.waiter.reject(why);
      resolve();
    }));
  }

  read(chunk) {
    let buf = this.input ? Buffer.concat([this.input, chunk]) : chunk;
    let at = 0;
    while (true) {
      const end = buf.indexOf(HEADER_END, at);
      if (end < 0) break;
      // "Content-Length: N" is the only header any adapter here sends.
      let length = 0;
      for (let i = buf.indexOf(58 /* : */, at) + 1; i < end; i++) {
        const c = buf[i];
        if (c >= 48 && c <= 57) length = length * 10 + c - 48;
      }
      if (buf.length < end + 4 + length) break;
      this.dispatch(JSON.parse(buf.toString('utf8', end + 4, end + 4 + length)));
      at = end + 4 + length;
    }
    this.input = at < buf.length ? buf.subarray(at) : null;
  }

  dispatch(m) {
    if (m.type === 'response') {
      const p = this.pending.get(m.request_seq);
      if (!p) return;
      this.pending.delete(m.request_seq);
      if (m.success) p.resolve(m);
      else p.reject(new Error(`${p.command} failed: ${m.message}`));
    } else if (m.type === 'event') {
      this.events.push(m);
      if (this.waiter && this.waiter.check()) this.waiter = null;
    }
  }

  request(command, args) {
    const seq = this.seq++;
    const json = JSON.stringify({ seq, type: 'request', command, arguments: args });
    this.proc.stdin.write(`Content-Length: ${Buffer.byteLength(json)}\r\n\r\n${json}`);
    return new Promise((resolve, reject) => this.pending.set(seq, { resolve, reject, command }));
  }

  /** The first not yet consumed event named `name`. */
  event(name) {
    return new Promise((resolve, reject) => {
      const check = () => {
        const i = this.events.findIndex(e => e.event === name);
        if (i < 0) return false;
        resolve(this.events[i]);
        this.events.splice(0, i + 1); // the ones before it: none is waited for later
        return true;
      };
      if (check()) return;
      const timer = setTimeout(() => reject(new Error(`no ${name} event in ${TIMEOUT} ms: ${this.stderr}`)), TIMEOUT);
      timer.unref();
      this.waiter = { check: () => check() && (clearTimeout(timer), true), reject };
    });
  }

  async stopped(reason) {
    const e = await this.event('stopped');
    if (reason && e.body.reason !== reason) throw new Error(`stopped for ${e.body.reason}, expected ${reason}`);
    this.threadId = e.body.threadId;
    return e.body;
  }

  /** initialize, launch `program`, a function breakpoint at main, configurationDone; stopped at main. */
  static async stoppedAtMain(command, program, env) {
    const s = new LeanSession(command, env);
    s.capabilities = (await s.request('initialize', { clientID: 'hindsight-bench', adapterID: 'hindsight', linesStartAt1: true,
      columnsStartAt1: true, pathFormat: 'path', supportsVariableType: true, supportsMemoryReferences: true })).body || {};
    const launched = s.request('launch', { program, stopOnEntry: false });
    launched.catch(() => {});
    await Promise.race([s.event('initialized'), launched.then(() => new Promise(() => {}))]);
    await s.request('setFunctionBreakpoints', { breakpoints: [{ name: 'main' }] });
    await s.request('configurationDone');
    await launched;
    await s.stopped();
    return s;
  }

  /**
   * One instruction step as an editor's disassembly view does it: stepIn granularity instruction,
   * its stopped event, stackTrace of the top frame, its scopes, the Registers scope's variables.
   * `step` replaces the step request (lldb-dap 19 has no instruction granularity). Returns the
   * number of registers shown.
   */
  async roundTrip(step) {
    await (step ? step() : this.request('stepIn', { threadId: this.threadId, granularity: 'instruction' }));
    await this.stopped('step');
    const frames = (await this.request('stackTrace', { threadId: this.threadId, startFrame: 0, levels: 1 })).body.stackFrames;
    const scopes = (await this.request('scopes', { frameId: frames[0].id })).body.scopes;
    const regs = scopes.find(x => /^registers$/i.test(x.name));
    let vars = (await this.request('variables', { variablesReference: regs.variablesReference })).body.variables;
    if (!vars.some(v => v.name === 'rip')) { // lldb groups them: the general purpose group holds rip
      const group = vars.find(v => /general/i.test(v.name));
      vars = (await this.request('variables', { variablesReference: group.variablesReference })).body.variables;
    }
    if (!vars.some(v => v.name === 'rip')) throw new Error('no rip among ' + vars.map(v => v.name));
    return vars.length;
  }

  async close() {
    if (this.proc.exitCode !== null || this.proc.signalCode !== null) return;
    const grace = () => new Promise(r => setTimeout(r, 3000).unref());
    const bye = this.request('disconnect', { terminateDebuggee: true }).catch(() => {});
    await Promise.race([bye, this.exited, grace()]);
    this.proc.kill('SIGTERM');
    await Promise.race([this.exited, grace()]);
    if (this.proc.exitCode === null && this.proc.signalCode === null) this.proc.kill('SIGKILL');
    await this.exited;
  }
}

module.exports = { LeanSession };
