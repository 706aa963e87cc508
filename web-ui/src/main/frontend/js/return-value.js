// The Return value scope after a step out: the server gives both return registers, named as its
// architecture names them (x86-64: rax and xmm0; AArch64: x0 and d0); the page shows the one the
// function's type returns in (x86-64 SysV and AAPCS64 alike: float and double in the floating-point
// register, integers and pointers in the integer one), asking the debugger for the function's type.

/** Each architecture's return registers as the server names them: integer, floating point. */
const RETURN_REGISTERS = [{ integer: 'rax', float: 'xmm0' }, { integer: 'x0', float: 'd0' }];
const NAMED = /^(.*) \((rax|xmm0|x0|d0)\)$/;

/**
 * The kind of register a C return type comes back in ('integer' or 'float'), or null when unknown
 * (a struct) or 'none' (void).
 */
export function returnKind(functionType) {
  const ret = /^(.*?)\s*\(/.exec(functionType ?? '')?.[1]?.trim();
  if (!ret) return null;
  if (/^void$/.test(ret)) return 'none';
  if (/^(float|double)$/.test(ret)) return 'float';
  if (/\*$/.test(ret) || /^(const |volatile |unsigned |signed |long |short )*(char|short|int|long|bool|_Bool|size_t|ssize_t|u?int\d+_t|char\d+_t|wchar_t|enum .*)?$/.test(ret)) return 'integer';
  return null;
}

/**
 * The Return value scope's variables as the page shows them: "fn (rax)" or "fn (xmm0)" ("fn (x0)"
 * or "fn (d0)" from an AArch64 server) as the function's type says, both when its type is unknown.
 */
export async function returnValues(variables, evaluate) {
  const [, fn, first] = NAMED.exec(variables[0]?.name ?? '') ?? [];
  if (!fn) return variables;
  const registers = RETURN_REGISTERS.find((r) => r.integer === first || r.float === first);
  const type = await evaluate(fn).then((r) => r.type, () => null);
  const kind = returnKind(type);
  if (!kind) return variables;
  // void: none of them (no register holds a value).
  return variables.filter((v) => v.name.endsWith(`(${kind === 'none' ? 'none' : registers[kind]})`));
}
