// Part of misc/container-smoke.sh: compiles a program in the container through /dap (URL in argv),
// checks it stopped at main, steps one line and sees it stop on the next.
import { DapSocket } from '../web-ui/src/test/browser/dap-socket.mjs';

const PROGRAM = 'int main(void) {\n  int x = 1;\n  x += 2;\n  return x;\n}\n';
const dap = await DapSocket.open(process.argv[2]);
const entry = await dap.launch(PROGRAM);
if (entry.reason !== 'entry') throw new Error(`stopped for ${entry.reason}, not at the entry`);
const threadId = (await dap.request('threads')).threads[0].id;
const line = async () => (await dap.request('stackTrace', { threadId, levels: 1 })).stackFrames[0].line;
const before = await line();
const stepped = dap.event('stopped');
await dap.request('next', { threadId });
await stepped;
const after = await line();
if (after !== before + 1) throw new Error(`a step from line ${before} stopped at line ${after}`);
console.log(`container-smoke: compiled in the container, stopped at line ${before}, stepped to ${after}`);
await dap.close();
