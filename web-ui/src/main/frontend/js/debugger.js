// The debugging session as the page sees it: launches (compiles) the program over DAP, and after
// every stop fetches threads, the stack, disassembly, registers, variables and memory.
import { DapClient } from './dap.js';
import { big, hex } from './dom.js';
import { Ending } from './ending.js';
import { CLOSED, INITIALIZE, STEP_REQUESTS, shortPaths, toDiagnostic, withTimeout } from './protocol.js';

export class Debugger {
  /** @param ui callbacks: status(text, isError), output(text, category), diagnostics(list), state(name),
   *  stopped(view), sessionId(id, reconnecting, secret), ended(reason), resumeFailed() */
  constructor(ui) {
    this.ui = ui;
    this.client = null;
    this.state = 'idle';   // idle | launching | stopped | running | ended
    this.generation = 0;
    this.sourcePath = null;
    this.threadId = 1;
    this.frames = [];
    this.stopWaiters = [];
  }

  /** Starts a new session: compiles `source` ({name, text}) and stops at main; with `record`, the
   * run is recorded and indexed first, and the stop is in the recording (reverse steps work). */
  launch(source, compilerArgs, args, breakpoints, { record = false } = {}) {
    this.launches = (this.launches ?? 0) + 1;
    // My code only: line steps never stop in libc, the loader or PLT stubs (issue 14); stepping out of main ends the program.
    const launchArguments = { sources: [source], compilerArgs, args, stopOnEntry: true, disassemblyFlavor: this.flavor ?? 'att', justMyCode: true };
    if (record) launchArguments.record = true;
    return this.#serially(() => this.#launch(source, compilerArgs, args, breakpoints, launchArguments));
  }

  /** Opens the server's recording (serve TRACE_DIR): the server replays its own trace whatever a launch names. */
  launchTrace(breakpoints) {
    this.launches = (this.launches ?? 0) + 1;
    this.followSources = true;
    return this.#serially(() => this.#launch(null, [], [], breakpoints, { trace: true, stopOnEntry: true, disassemblyFlavor: 'att' }));
  }

  /** Reattaches to a live session after a reload: the engine re-sends where the program stopped. */
  reconnect(id, secret) {
    return this.#serially(() => this.#reconnect(id, secret));
  }

  /**
   * Ends the program for another one, in turn with launches: a Compile clicked meanwhile waits, so
   * this disconnect cannot reach a shared (--single-session) session after the new launch.
   */
  end() {
    return this.#serially(() => this.dispose());
  }

  /** Connecting and launching run one at a time (a Compile clicked while the page reconnects waits). */
  #serially(operation) {
    const run = (this.queue ?? Promise.resolve()).then(operation, operation);
    this.queue = run.catch(() => {});
    return run;
  }

  async #launch(source, compilerArgs, args, breakpoints, launchArguments) {
    await this.dispose();
    this.reconnecting = false;
    this.launchArguments = launchArguments;
    this.pendingBreakpoints = breakpoints; // sent at the first stop, once the compiled source's path is known
    const client = await this.#connect(null);
    this.#setState('launching');
    const diagnostics = [];
    client.on('output', (b) => { if (b.data?.kind === 'diagnostic') diagnostics.push(toDiagnostic(b)); });
    // Listening before asking: the initialized event may arrive with the initialize response.
    const initialized = client.next('initialized');
    this.addCapabilities(await client.request('initialize', INITIALIZE));
    const launched = client.request('launch', this.launchArguments);
    launched.catch(() => {});
    try {
      await Promise.race([initialized, launched]);
      await client.request('configurationDone');
      await launched;
    } catch (e) {
      this.ui.diagnostics(diagnostics);
      this.#setState('ended');
      throw e;
    } finally {
      this.ui.diagnostics(diagnostics);
    }
  }

  async #reconnect(id, secret) {
    await this.dispose();
    this.reconnecting = true;
    const client = await this.#connect(id, secret);
    this.addCapabilities(await client.request('initialize', INITIALIZE));
    return client;
  }

  async #connect(id, secret) {
    const client = new DapClient(id, secret);
    this.client = client;
    this.sourcePath = null;
    this.capabilities = {};
    this.ending = new Ending();
    client.on('hindsight/session', (b) => {
      client.sessionId = b.id;
      client.secret = b.secret;
      this.ui.sessionId(b.id, this.reconnecting, b.secret);
    });
    client.on('output', (b) => {
      const text = this.ending.output(b);
      // clang names the server's temporary copy (/tmp/hindsight-…/main.c:4:14): the learner's file is main.c.
      if (text != null) this.ui.output(b.data?.kind === 'diagnostic' ? shortPaths(text) : text, b.category ?? 'console');
    });
    // A recording announces reverse execution once launched (DAP's capabilities event).
    client.on('capabilities', (b) => { if (this.client === client) this.addCapabilities(b.capabilities ?? {}); });
    client.on('stopped', (b) => this.#onStopped(client, b));
    client.on('continued', () => { if (this.client === client) this.#setState('running'); });
    client.on('hindsight/waitingForInput', (b) => { if (this.client === client) this.ui.waitingForInput?.(!!b.waiting, this.state === 'running'); });
    client.on('exited', (b) => this.ui.output(this.ending.exited(b.exitCode), 'console'));
    client.on('terminated', () => { if (this.client === client) this.#end(this.ending.message()); });
    client.on('close', (e) => {
      if (this.client !== client) return;
      const said = CLOSED[e.code];
      // Dropped rather than closed on purpose (a server or proxy went away, or the page fell behind):
      // the session may live on, so ask for it once; if it is gone, that answer says so.
      if (!said && client.sessionId) {
        this.client = null;
        this.#end('Connection lost: reconnecting…');
        this.reconnect(client.sessionId, client.secret)
          .then(() => { if (this.state === 'idle') this.ui.status('Reconnected.'); }, () => {});
        return;
      }
      // No session any more: the controls (Restart too) must see it when the page shows the end.
      this.client = null;
      this.#end(said ? said(e.reason) : 'Disconnected from the server.');
    });
    await client.open();
    return client;
  }

  async dispose() {
    const old = this.client;
    this.client = null;
    this.stopCache = null;
    this.prefetched = null;
    this.#setState('idle');
    this.#wakeStopWaiters();
    if (!old || old.closed) return;
    try { await withTimeout(old.request('disconnect', { terminateDebuggee: true }), 2000); } catch { /* gone already */ }
    old.close();
  }

  // ---- execution control -------------------------------------------------------------------

  step(kind) {
    const [command, args] = STEP_REQUESTS[kind];
    return this.#resume(command, args);
  }

  /** Resolves when the program stopped again and the panels were refreshed (or the program ended). */
  async #resume(command, args) {
    if (this.state !== 'stopped') return false;
    this.#setState('running');
    this.stopCache = null;
    const stopped = new Promise((resolve) => this.stopWaiters.push(resolve));
    try {
      const resumed = this.client.request(command, { threadId: this.threadId, ...args });
      // Asked at once, answered right after the stop with its stack, scopes and their variables:
      // one round trip per step instead of four.
      const memory = this.ui.memoryWindow?.() ?? undefined;
      this.prefetched = this.client.request('stopState', { levels: 64, memory })
        .then((state) => ({ ...state, memoryAsked: memory }), () => null);
      await resumed;
    } catch (e) {
      // Refused: the program did not move, so the page shows the stop it had (the stopState asked
      // for the next stop was answered with this one and is dropped).
      this.prefetched = null;
      if (this.client && !this.client.closed && this.state === 'running') {
        this.#setState('stopped');
        this.ui.resumeFailed?.();
      }
      this.#wakeStopWaiters();
      throw e;
    }
    return stopped;
  }

  /** Goes to instruction `time` of the recording; resolves once the page shows that moment. */
  goTo(time) {
    return this.#resume('hindsight/goto', { time });
  }

  /** The recording's length, the current time and its markers (hindsight/timeline). */
  timeline() {
    return this.client.request('hindsight/timeline', {});
  }

  /** Every execution of a source line with `expressions` evaluated there (hindsight/executions). */
  executions(path, line, expressions, start, count) {
    return this.client.request('hindsight/executions', { source: { path }, line, expressions, start, count });
  }

  /** Any other request of the session (e.g. the served recording's hindsight/view). */
  request(command, args = {}) {
    return this.client ? this.client.request(command, args) : Promise.reject(new Error('not connected'));
  }

  /** The served recording's notebook: `command` is '' (list), 'add' or 'delete'. */
  notebook(command = '', args = {}) {
    if (!this.client) return Promise.reject(new Error('not connected'));
    return this.client.request(command ? `hindsight/notebook/${command}` : 'hindsight/notebook', args);
  }

  pause() { return this.state === 'running' ? this.client?.request('pause', { threadId: this.threadId }) : null; }
  /** Ends the program; the page shows it ended even when no terminated event follows. */
  async terminate() {
    const client = this.client;
    if (!client) return;
    this.ending.byUser = true;
    try {
      await client.request('terminate', {});
    } catch (e) {
      this.ending.byUser = false; // refused: whatever ends the program later is not Stop's doing
      throw e;
    }
    if (this.client === client && this.state !== 'ended') this.#end(this.ending.message());
  }

  /** AT&T or Intel: the server disassembles in one syntax per launch, so a live program restarts in the other. */
  async setFlavor(flavor) {
    this.flavor = flavor;
    if (!this.launchArguments || this.launchArguments.trace) return false;
    this.launchArguments = { ...this.launchArguments, disassemblyFlavor: flavor };
    if (!this.client || this.state === 'idle' || this.state === 'launching') return false;
    await this.restart();
    return true;
  }

  async restart() {
    if (!this.client) return;
    this.ending = new Ending();
    this.ui.output('\n[restarting]\n', 'console');
    await this.client.request('restart', this.launchArguments ? { arguments: this.launchArguments } : {});
  }

  // ---- breakpoints ------------------------------------------------------------------------------

  async setSourceBreakpoints(lines) {
    this.pendingBreakpoints = lines;
    if (!this.client || !this.sourcePath || this.state === 'ended') return;
    const body = await this.client.request('setBreakpoints', {
      source: { path: this.sourcePath, name: this.sourcePath.split('/').pop() },
      breakpoints: lines.map((line) => ({ line })), lines,
    });
    return body.breakpoints ?? [];
  }

  async setInstructionBreakpoints(addresses) {
    if (!this.client || this.state === 'ended') return;
    await this.client.request('setInstructionBreakpoints', {
      breakpoints: [...addresses].map((a) => ({ instructionReference: hex(BigInt(a)) })),
    });
  }

  // ---- inspection -------------------------------------------------------------------------------

  async variables(ref) {
    const known = this.stopCache?.variables.get(ref);
    if (known) return known;
    const body = await this.client.request('variables', { variablesReference: ref });
    return body.variables ?? [];
  }

  async scopes(frameId) {
    if (this.stopCache?.frameId === frameId) return this.stopCache.scopes;
    return (await this.client.request('scopes', { frameId })).scopes ?? [];
  }

  async disassemble(address, before, count) {
    const body = await this.client.request('disassemble', {
      memoryReference: hex(address), instructionOffset: -before, instructionCount: count, resolveSymbols: true,
    });
    return body.instructions ?? [];
  }

  async readMemory(address, offset, count) {
    const m = this.stopCache?.memory;
    const body = m && m.address === address && m.offset === offset && m.count === count ? m.body
      : await this.client.request('readMemory', { memoryReference: hex(address), offset, count });
    const raw = atob(body.data ?? '');
    const bytes = Uint8Array.from(raw, (c) => c.charCodeAt(0));
    return { base: big(body.address) ?? address + BigInt(offset), bytes };
  }

  async evaluate(expression, frameId) {
    return this.client.request('evaluate', { expression, frameId, context: 'watch' });
  }

  /** The text of a source the engine compiled (for a page that joins a session started elsewhere). */
  async sourceText(source) {
    return (await this.client.request('source', { source, sourceReference: source.sourceReference ?? 0 })).content ?? '';
  }

  writeStdin(text) { return this.client?.request('writeStdin', { text }); }

  // ---- stops ----------------------------------------------------------------------------------

  async #onStopped(client, body) {
    if (this.client !== client) return;
    if (body.reason === 'exception') this.ending.faulted(body.description);
    const generation = ++this.generation;
    this.#setState('stopped');
    try {
      const prefetched = this.prefetched;
      this.prefetched = null;
      const state = prefetched ? await prefetched : null;
      let trace;
      if (state && (body.threadId == null || state.threadId === body.threadId) && state.stackFrames?.length) {
        this.threadId = state.threadId;
        trace = state;
        const variables = new Map(Object.entries(state.variables ?? {}).map(([ref, vars]) => [Number(ref), vars]));
        this.stopCache = { frameId: state.stackFrames[0].id, scopes: state.scopes ?? [], variables, memory: null };
        const asked = state.memoryAsked;
        const at = asked && state.memory ? [...variables.values()].flat().find((v) => v.name === asked.register) : null;
        if (at) this.stopCache.memory = { address: big(at.value), offset: asked.offset, count: asked.count, body: state.memory };
      } else {
        this.stopCache = null;
        this.threadId = body.threadId ?? (await client.request('threads')).threads?.[0]?.id ?? 1;
        trace = await client.request('stackTrace', { threadId: this.threadId, startFrame: 0, levels: 64 });
      }
      if (generation !== this.generation) return;
      this.frames = trace.stackFrames ?? [];
      const top = this.frames[0];
      if (this.followSources && top?.source?.path && top.source.path !== this.sourcePath) {
        // A recording's page shows whichever of its files the program is in (fetched from the server).
        this.sourcePath = top.source.path;
        await this.ui.showSource(top.source);
      } else if (!this.sourcePath && top?.source?.path) {
        this.sourcePath = top.source.path;
        if (this.reconnecting) await this.ui.reconnectedTo(top.source);
        else if (this.pendingBreakpoints?.length) await this.setSourceBreakpoints(this.pendingBreakpoints);
      }
      // On a recording the prefetched state says the time too (stopState's time).
      const time = trace === state && state?.time != null ? Number(state.time) : null;
      await this.ui.stopped({ reason: body.reason, description: body.description, frames: this.frames, generation, time });
    } catch (e) {
      if (this.client === client) this.ui.status(`Could not read the stop: ${e.message}`, true);
    } finally {
      if (generation === this.generation) this.#wakeStopWaiters();
    }
  }

  addCapabilities(c) {
    this.capabilities = { ...this.capabilities, ...c };
    this.ui.capabilities?.(this.capabilities);
  }

  isCurrent(generation) { return generation === this.generation; }

  #wakeStopWaiters() {
    const waiters = this.stopWaiters;
    this.stopWaiters = [];
    for (const w of waiters) w(true);
  }

  #end(message) {
    this.#setState('ended');
    this.#wakeStopWaiters();
    this.ui.ended(message);
  }

  #setState(s) {
    this.state = s;
    this.ui.state(s);
  }
}

