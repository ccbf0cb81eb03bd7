// Presentation helpers: the only place numbers are rounded. Scores are stored at full precision.
import type { JsonNumber } from './json';

/** Rounds to 2 decimals for display (half away from zero on the decimal value). */
export function round2(x: number): number {
  return (Math.sign(x) * Math.round((Math.abs(x) + Number.EPSILON) * 100)) / 100;
}

/** A number for text: 2 decimals at most, "+Infinity" for ∞, "none" for null. */
export function formatNumber(x: number | JsonNumber | null): string {
  if (x === null) return 'none';
  if (x === 'Infinity' || x === Number.POSITIVE_INFINITY) return '+Infinity';
  if (x === '-Infinity' || x === Number.NEGATIVE_INFINITY) return '-Infinity';
  return String(round2(x) + 0);
}
