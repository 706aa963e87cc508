// Vector registers as lanes (lane 0, the lowest, first), computed from the register's bits: the
// server gives xmm as gdb's "{v4_float = …, uint128 = 0x…}" text and ymm and zmm as one hex number.

export const LANE_FORMATS = {
  float: { label: 'float ×4/8/16', bytes: 4, read: (v, o) => fmtFloat(v.getFloat32(o, true)) },
  double: { label: 'double ×2/4/8', bytes: 8, read: (v, o) => fmtFloat(v.getFloat64(o, true)) },
  int32: { label: 'int32', bytes: 4, read: (v, o) => String(v.getInt32(o, true)) },
  int64: { label: 'int64', bytes: 8, read: (v, o) => String(v.getBigInt64(o, true)) },
  int16: { label: 'int16', bytes: 2, read: (v, o) => String(v.getInt16(o, true)) },
  int8: { label: 'int8', bytes: 1, read: (v, o) => String(v.getInt8(o)) },
  hex: { label: 'hex', bytes: 0 },
};

/** The register's bits as a BigInt and its width in bytes, or null when the value names none. */
export function vectorBits({ value, type }) {
  const width = type === 'vec512' ? 64 : type === 'vec256' ? 32 : type === 'vec128' ? 16 : null;
  if (!width) return null;
  const m = /uint128 = (0x[0-9a-f]+)/i.exec(value ?? '') ?? /^\s*(0x[0-9a-f]+)\s*$/i.exec(value ?? '');
  return m ? { bits: BigInt(m[1]), width } : null;
}

/** Every bit of the register, leading zeros included (ymm0's upper half is not dropped). */
export function fullHex({ bits, width }) {
  return `0x${bits.toString(16).padStart(width * 2, '0')}`;
}

/** The lanes of a register in `format` (one hex string for 'hex'). */
export function lanes(reg, format) {
  const f = LANE_FORMATS[format] ?? LANE_FORMATS.float;
  if (!f.bytes) return [fullHex(reg)];
  const view = new DataView(new ArrayBuffer(reg.width));
  for (let i = 0; i < reg.width; i++) view.setUint8(i, Number((reg.bits >> BigInt(8 * i)) & 0xffn));
  const out = [];
  for (let o = 0; o < reg.width; o += f.bytes) out.push(f.read(view, o));
  return out;
}

function fmtFloat(x) {
  if (Number.isInteger(x) && Math.abs(x) < 1e15) return String(x);
  return Number.isFinite(x) ? String(Number(x.toPrecision(9))) : String(x);
}
