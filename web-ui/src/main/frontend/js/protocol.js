// The DAP words the page uses: its initialize arguments, the request of each step, what each
// socket close code means, and how compiler diagnostics are read.

/** What the page says when the server closes its socket, by close code (see README, "The /dap WebSocket"). */
export const CLOSED = {
  4404: () => 'This session has ended (the server restarted or it expired). Press Compile to start a new one.',
  4403: () => 'This session belongs to the page that started it: its address alone does not open it. Press Compile to start your own.',
  4409: (reason) => `Disconnected: ${reason}`,
  1013: (reason) => `Server busy: ${reason.replace(/^server busy: /, '')}`,
  1009: () => 'Disconnected: a message was too large for the server.',
  1000: () => 'Disconnected from the server.',
};

export const INITIALIZE = {
  clientID: 'hindsight-web', clientName: 'Hindsight web', adapterID: 'hindsight', locale: 'en',
  linesStartAt1: true, columnsStartAt1: true, pathFormat: 'path',
  supportsVariableType: true, supportsMemoryReferences: true, supportsInvalidatedEvent: false,
};

/** The DAP request of each step the page offers. */
export const STEP_REQUESTS = {
  instruction: ['stepIn', { granularity: 'instruction' }],
  // Auto-step's instruction step: with justMyCode it does not stop in libc, a PLT stub or the loader.
  auto: ['hindsight/autoStep', {}],
  line: ['stepIn', { granularity: 'line' }],
  over: ['next', { granularity: 'line' }],
  out: ['stepOut', {}],
  continue: ['continue', {}],
  // Backwards, on a recording: the same steps retraced (see README, "DAP reverse requests").
  backInstruction: ['hindsight/stepBackIn', { granularity: 'instruction' }],
  backLine: ['hindsight/stepBackIn', { granularity: 'line' }],
  backOver: ['stepBack', { granularity: 'line' }],
  backOut: ['hindsight/stepBackOut', {}],
  reverseContinue: ['reverseContinue', {}],
};

export function toDiagnostic(body) {
  return {
    line: body.line ?? 0, column: body.column ?? 1,
    severity: body.data?.severity === 'error' || body.data?.severity === 'fatal' ? 'error'
      : body.data?.severity === 'warning' ? 'warning' : 'info',
    message: shortPaths(body.data?.message ?? body.output ?? ''),
  };
}

/** "/tmp/hindsight-…/main.c:4:14" -> "main.c:4:14": a source path in a message, by its file name. */
export function shortPaths(text) {
  return text.replace(/(?:\/[^\s/:]+)+\/([^\s/:]+\.(?:c|cc|cpp|cxx|h|hh|hpp|s|S|asm)):(?=\d)/g, '$1:');
}

export function withTimeout(promise, ms) {
  return Promise.race([promise, new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), ms))]);
}
