// JSON has no Infinity: JSON.stringify would silently turn it into null, which reads as "no data".

/** A number as it appears in JSON output: finite numbers as-is, ±∞ as the strings "Infinity" / "-Infinity". */
export type JsonNumber = number | 'Infinity' | '-Infinity';

export function jsonNumber(x: number): JsonNumber {
  if (Number.isFinite(x)) return x;
  return x > 0 ? 'Infinity' : '-Infinity';
}

export function jsonNumberOrNull(x: number | null): JsonNumber | null {
  return x === null ? null : jsonNumber(x);
}
