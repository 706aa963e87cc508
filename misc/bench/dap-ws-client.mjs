// A minimal DAP client over one WebSocket (the `ws` package): requests resolve with their
// response body, events are awaited by name in arrival order. Shared by the web benchmarks.
export function client(ws) {
  let seq = 1;
  const pending = new Map();
  const waiting = new Map();
  ws.on('message', (data) => {
    const m = JSON.parse(data);
    if (m.type === 'response') {
      const p = pending.get(m.request_seq);
      pending.delete(m.request_seq);
      if (m.success) p?.resolve(m.body ?? {}); else p?.reject(new Error(`${m.command}: ${m.message}`));
    } else if (m.type === 'event') {
      const list = waiting.get(m.event);
      if (list?.length) list.shift()(m.body ?? {});
    }
  });
  return {
    request(command, args = {}) {
      const s = seq++;
      ws.send(JSON.stringify({ seq: s, type: 'request', command, arguments: args }));
      return new Promise((resolve, reject) => pending.set(s, { resolve, reject }));
    },
    event(name) {
      return new Promise((resolve) => {
        if (!waiting.has(name)) waiting.set(name, []);
        waiting.get(name).push(resolve);
      });
    },
  };
}

/** Opens /dap on a started server, launches `source` stopped at entry; resolves with {ws, dap, threadId}. */
export async function launchStopped(WebSocket, server, name, source) {
  const ws = new WebSocket(`${server.url.replace(/^http/, 'ws').replace(/\/(\?.*)?$/, '')}/dap`, { origin: server.origin });
  const dap = client(ws);
  await new Promise((resolve, reject) => { ws.once('open', resolve); ws.once('error', reject); });
  // Listening first: the initialized event can come in the same read as the initialize response.
  const initialized = dap.event('initialized');
  await dap.request('initialize', { adapterID: 'hindsight', linesStartAt1: true, columnsStartAt1: true });
  const stopped = dap.event('stopped');
  const launched = dap.request('launch', { sources: [{ name, text: source }], stopOnEntry: true });
  await initialized;
  await dap.request('configurationDone');
  await launched;
  const { threadId } = await stopped;
  return { ws, dap, threadId };
}
