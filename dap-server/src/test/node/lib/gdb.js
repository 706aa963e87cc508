'use strict';
// gdb 13 as the oracle: the same binary, the same exact environment (gdb's LINES/COLUMNS removed,
// no shell), ASLR off. Records registers after each `stepi`, or function/line/locals after each
// `next`, through gdb's Python API into a JSON-lines file.
const fs = require('fs');
const os = require('os');
const path = require('path');
const { execFile } = require('child_process');

const REGISTERS = ['rax', 'rbx', 'rcx', 'rdx', 'rsi', 'rdi', 'rbp', 'rsp', 'r8', 'r9', 'r10', 'r11', 'r12', 'r13',
  'r14', 'r15', 'rip', 'eflags', 'cs', 'ss', 'ds', 'es', 'fs', 'gs', 'fs_base', 'gs_base'];

const PROLOGUE = `import gdb, json
for c in ['set pagination off', 'set confirm off', 'set startup-with-shell off', 'set width 0',
          'set print pretty off', 'unset environment LINES', 'unset environment COLUMNS', 'starti']:
    gdb.execute(c, to_string=True)
`;

function runGdb(exe, env, cwd, script) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hindsight-gdb-'));
  const out = path.join(dir, 'stops.jsonl');
  const py = path.join(dir, 'oracle.py');
  fs.writeFileSync(py, PROLOGUE + script(out));
  const envArgs = Object.entries(env).map(([k, v]) => `${k}=${v}`);
  return new Promise((resolve, reject) => {
    execFile('env', ['-i', ...envArgs, 'gdb', '-nx', '-batch', '-x', py, exe], { cwd, timeout: 300000, maxBuffer: 1 << 26 },
      (err, stdout, stderr) => {
        try {
          if (!fs.existsSync(out)) return reject(new Error(`gdb recorded nothing: ${err || ''}\n${stdout}\n${stderr}`));
          resolve(fs.readFileSync(out, 'utf8').split('\n').filter(Boolean).map(l => JSON.parse(l)));
        } finally {
          fs.rmSync(dir, { recursive: true, force: true });
        }
      });
  });
}

/** Registers (name → BigInt) at `start` (an address) and after each of up to `steps` stepi. */
async function stepi(exe, { env, cwd, start, steps }) {
  const stops = await runGdb(exe, env, cwd, out => `
if int(gdb.selected_frame().pc()) != ${start}:
    gdb.execute('break *${start}', to_string=True)
    gdb.execute('continue', to_string=True)
names = ${JSON.stringify(REGISTERS)}
with open('${out}', 'w') as f:
    for i in range(${steps + 1}):
        try:
            fr = gdb.selected_frame()
        except gdb.error:
            break
        f.write(json.dumps({n: '%x' % (int(fr.read_register(n)) & 0xffffffffffffffff) for n in names}) + '\\n')
        if i == ${steps}:
            break
        try:
            gdb.execute('stepi', to_string=True)
        except gdb.error:
            break
gdb.execute('kill', to_string=True)
`);
  return stops.map(s => Object.fromEntries(Object.entries(s).map(([k, v]) => [k, BigInt('0x' + v)])));
}

/** {function, file, line, locals, backtrace} from `break main` and after each of up to `count` `next`s. */
function next(exe, { env, cwd, count, command = 'next' }) {
  return runGdb(exe, env, cwd, out => `
gdb.execute('break main', to_string=True)
gdb.execute('continue', to_string=True)
def locals_of(frame):
    seen = {}
    try:
        block = frame.block()
    except RuntimeError:
        return seen
    while block is not None:
        for sym in block:
            if (sym.is_variable or sym.is_argument) and sym.name not in seen:
                try:
                    v = sym.value(frame)
                    # as \`info locals\` shows references: @address: value (str() stops at the address)
                    if v.type.strip_typedefs().code in (gdb.TYPE_CODE_REF, gdb.TYPE_CODE_RVALUE_REF):
                        seen[sym.name] = '%s: %s' % (v, v.referenced_value())
                    else:
                        seen[sym.name] = str(v)
                except Exception as e:
                    seen[sym.name] = '<error: %s>' % e
        if block.function is not None:
            break
        block = block.superblock
    return seen
with open('${out}', 'w') as f:
    for i in range(${count + 1}):
        try:
            fr = gdb.selected_frame()
            sal = fr.find_sal()
        except gdb.error:
            break
        if sal.symtab is None:
            break
        bt, older = [], fr
        while older is not None:
            bt.append(older.name() or '??')
            older = older.older()
        f.write(json.dumps({'function': fr.name(), 'file': sal.symtab.fullname(), 'line': sal.line,
                            'locals': locals_of(fr), 'backtrace': bt}) + '\\n')
        if i == ${count}:
            break
        try:
            gdb.execute('${command}', to_string=True)
        except gdb.error:
            break
gdb.execute('kill', to_string=True)
`);
}

/**
 * gdb's bt at `break LOCATION`: per frame {name, pc (hex), file (null without line information),
 * filename (the file as gdb prints it: for libc's relative compilation directories, ./stdlib/msort.c
 * where file, gdb's fullname, joins the directory twice), line, symbol}, symbol being `info symbol` of the pc as symbol+offset (symbol alone at offset 0).
 */
function backtrace(exe, { env = {}, cwd, location }) {
  return runGdb(exe, env, cwd, out => `
import re
gdb.execute('break ${location}', to_string=True)
gdb.execute('continue', to_string=True)
def symbol(pc):
    m = re.match(r'(\\S+)(?: \\+ (\\d+))? in section', gdb.execute('info symbol %d' % pc, to_string=True))
    return None if m is None else m.group(1) + ('+' + m.group(2) if m.group(2) else '')
with open('${out}', 'w') as f:
    frame = gdb.newest_frame()
    while frame is not None:
        sal = frame.find_sal()
        f.write(json.dumps({'name': frame.name(), 'pc': '0x%x' % frame.pc(), 'symbol': symbol(frame.pc()),
                            'file': sal.symtab.fullname() if sal.symtab else None,
                            'filename': sal.symtab.filename if sal.symtab else None, 'line': sal.line}) + '\\n')
        frame = frame.older()
gdb.execute('kill', to_string=True)
`);
}

module.exports = { REGISTERS, stepi, next, backtrace };
