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
