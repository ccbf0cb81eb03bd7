import { assertNever } from './assert-never';
import type { KpiDefinition, ScoreBand } from './types';

export const SIGMOID_DEFAULTS = { k: 10, m: 0.8 } as const;

/** The highest raw ratio that still earns credit; a score never exceeds 100 × cap. */
export function methodCap(kpi: KpiDefinition): number {
  return kpi.params?.cap ?? 1;
}

/**
 * The method score from the raw ratio (or, for banded, from the actual value itself).
 * Banded reads the actual because bands are written in the KPI's own units.
 */
export function methodScore(kpi: KpiDefinition, raw: number, actual: number): number {
  switch (kpi.scoring_method) {
    case 'linear':
    case 'capped':
      return 100 * clamp(raw, 0, methodCap(kpi));
    case 'banded':
      return bandedScore(kpi.params?.bands ?? [], actual);
    case 'sigmoid': {
      const k = kpi.params?.k ?? SIGMOID_DEFAULTS.k;
      const m = kpi.params?.m ?? SIGMOID_DEFAULTS.m;
      return clamp((100 * sigmoid(raw, k, m)) / sigmoid(1, k, m), 0, 100 * methodCap(kpi));
    }
    case 'binary':
      return raw >= 1 ? 100 : 0;
    default:
      return assertNever(kpi.scoring_method);
  }
}

/** First `[from, to)` band containing the actual wins; no band → 0. */
export function bandedScore(bands: readonly ScoreBand[], actual: number): number {
  for (const band of bands) {
    if (actual >= band.from && (band.to === undefined || actual < band.to)) return band.score;
  }
  return 0;
}

export function sigmoid(x: number, k: number, m: number): number {
  return 1 / (1 + Math.exp(-k * (x - m)));
}

function clamp(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}

/** The method formula as text, for explanations. */
export function methodFormula(kpi: KpiDefinition): string {
  switch (kpi.scoring_method) {
    case 'linear':
    case 'capped':
      return 'score = 100 * clamp(raw, 0, cap)';
    case 'banded':
      return 'score = score of the first band [from, to) containing actual, else 0';
    case 'sigmoid':
      return 'score = clamp(100 * s(raw) / s(1), 0, 100 * cap), s(x) = 1 / (1 + e^(-k(x - m)))';
    case 'binary':
      return 'score = 100 if raw >= 1, else 0';
    default:
      return assertNever(kpi.scoring_method);
  }
}

/** Whether the upper clamp (100 × cap) cut the score, so the explanation can say so. */
export function methodCapApplied(kpi: KpiDefinition, raw: number): boolean {
  switch (kpi.scoring_method) {
    case 'linear':
    case 'capped':
      return raw > methodCap(kpi);
    case 'sigmoid': {
      const k = kpi.params?.k ?? SIGMOID_DEFAULTS.k;
      const m = kpi.params?.m ?? SIGMOID_DEFAULTS.m;
      return sigmoid(raw, k, m) / sigmoid(1, k, m) > methodCap(kpi);
    }
    case 'banded':
    case 'binary':
      return false;
    default:
      return assertNever(kpi.scoring_method);
  }
}
