// The Return value scope after a step out: the server gives both return registers (rax and xmm0);
// the page shows the one the function's type returns in (x86-64 SysV: float and double in xmm0,
// integers and pointers in rax), asking the debugger for the function's type.

/** The register a C return type comes back in, or null when unknown (a struct) or 'none' (void). */
export function returnRegister(functionType) {
  const ret = /^(.*?)\s*\(/.exec(functionType ?? '')?.[1]?.trim();
  if (!ret) return null;
  if (/^void$/.test(ret)) return 'none';
  if (/^(float|double)$/.test(ret)) return 'xmm0';
  if (/\*$/.test(ret) || /^(const |volatile |unsigned |signed |long |short )*(char|short|int|long|bool|_Bool|size_t|ssize_t|u?int\d+_t|char\d+_t|wchar_t|enum .*)?$/.test(ret)) return 'rax';
  return null;
}

/**
 * The Return value scope's variables as the page shows them: "fn (rax)" or "fn (xmm0)" as the
 * function's type says, both when its type is unknown.
 */
export async function returnValues(variables, evaluate) {
  const fn = /^(.*) \((?:rax|xmm0)\)$/.exec(variables[0]?.name ?? '')?.[1];
  if (!fn) return variables;
  const type = await evaluate(fn).then((r) => r.type, () => null);
  const reg = returnRegister(type);
  if (!reg) return variables;
  return variables.filter((v) => v.name.endsWith(`(${reg})`));
}
