// The program's listing: its own functions (hindsight/functions: those its debug information
// describes), each disassembled whole and ending where it ends, fetched once per program.

export class ProgramListing {
  constructor() {
    this.key = null;
    this.loading = null;
  }

  /** {functions: [{name, start, end, slots}], instructions: DAP instructions of all of them}, cached per session and launch. */
  async of(dbg) {
    const key = `${dbg.client?.sessionId ?? ''}/${dbg.launches ?? 0}/${dbg.flavor ?? ''}`;
    if (this.key !== key || !this.loading) {
      this.key = key;
      this.loading = load(dbg).catch((e) => { this.loading = null; throw e; });
    }
    return this.loading;
  }
}

async function load(dbg) {
  const body = await dbg.client.request('hindsight/functions', {});
  const functions = [];
  for (const f of body.functions ?? []) {
    for (const r of f.ranges ?? []) functions.push({ name: f.name, start: BigInt(r.start), end: BigInt(r.end), slots: f.slots ?? [] });
  }
  functions.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  // An instruction takes at least a byte: the range's length bounds its count.
  const parts = await Promise.all(functions.map(async (f) => {
    const count = Math.min(10_000, Number(f.end - f.start));
    const body2 = await dbg.client.request('disassemble', {
      memoryReference: `0x${f.start.toString(16)}`, instructionOffset: 0, instructionCount: count, resolveSymbols: true,
    });
    return (body2.instructions ?? []).filter((i) => {
      const a = BigInt(i.address);
      return a >= f.start && a < f.end && i.presentationHint !== 'invalid';
    });
  }));
  return {
    functions,
    instructions: parts.flat(),
    /** The function containing `address` (BigInt), or null: then it is library (or start-up) code. */
    functionAt: (address) => functions.find((f) => address >= f.start && address < f.end) ?? null,
  };
}
