'use strict';
// The client's own floor for dap-step-rate.js: a DAP "adapter" on stdio that debugs nothing and
// answers every request at once with canned bodies shaped like Hindsight's (one frame, five
// scopes, 27 registers), a step's response and its stopped event in one write as Hindsight sends
// them. What the benchmark's client and two pipes cost per step, measured like any adapter.
// Usage: node dap-echo-adapter.js   (started by dap-step-rate.js)

let seq = 1;
let input = Buffer.alloc(0);
const STOP = { reason: 'step', threadId: 1, allThreadsStopped: true };
const REGISTERS = ['rax', 'rbx', 'rcx', 'rdx', 'rsi', 'rdi', 'rbp', 'rsp', 'r8', 'r9', 'r10', 'r11', 'r12', 'r13', 'r14',
  'r15', 'rip', 'eflags', 'cs', 'ss', 'ds', 'es', 'fs', 'gs', 'fs_base', 'gs_base']
  .map((name, i) => ({ name, value: '0x' + (0x7ffd12345678 + i).toString(16), type: 'int64', evaluateName: '$' + name, variablesReference: 0 }))
  .concat([{ name: 'Vector registers', value: 'xmm0-15, ymm, st0-7, mxcsr', variablesReference: 5, presentationHint: { kind: 'virtual' } }]);
const SCOPES = ['Locals', 'Arguments', 'Registers', 'Globals'].map((name, i) =>
  ({ name, presentationHint: name.toLowerCase(), variablesReference: i + 1, expensive: name === 'Globals' }));
const FRAME = { id: 1000, name: 'main', line: 5, column: 3, instructionPointerReference: '0x401136',
  source: { name: 'spin.c', path: '/tmp/spin.c' }, moduleId: 'spin' };

const BODIES = {
  initialize: () => ({ supportsConfigurationDoneRequest: true, supportsSteppingGranularity: true }),
  stackTrace: () => ({ stackFrames: [FRAME], totalFrames: 2 }),
  scopes: () => ({ scopes: SCOPES }),
  variables: () => ({ variables: REGISTERS }),
};

function frame(message) {
  const body = Buffer.from(JSON.stringify({ seq: seq++, ...message }), 'utf8');
  return `Content-Length: ${body.length}\r\n\r\n${body}`;
}

function answer(request) {
  const make = BODIES[request.command];
  let out = frame({ type: 'response', request_seq: request.seq, success: true, command: request.command, body: make ? make() : undefined });
  if (request.command === 'initialize') out += frame({ type: 'event', event: 'initialized' });
  if (request.command === 'configurationDone') out += frame({ type: 'event', event: 'stopped', body: { ...STOP, reason: 'breakpoint' } });
  if (request.command === 'stepIn') out += frame({ type: 'event', event: 'stopped', body: STOP });
  process.stdout.write(out);
  if (request.command === 'disconnect') process.exit(0);
}

process.stdin.on('data', chunk => {
  input = Buffer.concat([input, chunk]);
  while (true) {
    const end = input.indexOf('\r\n\r\n');
    if (end < 0) return;
    const length = Number(/Content-Length: *(\d+)/i.exec(input.subarray(0, end).toString())[1]);
    if (input.length < end + 4 + length) return;
    answer(JSON.parse(input.subarray(end + 4, end + 4 + length).toString('utf8')));
    input = input.subarray(end + 4 + length);
  }
});
process.stdin.on('end', () => process.exit(0));
