import type { WeightSource } from './explain';

export interface WeightCandidates {
  /** Weight set on the template item. */
  template_item?: number | null | undefined;
  /** Weight set on the KRA↔KPI mapping. */
  kra_kpi?: number | null | undefined;
  kpi_default: number;
}

/** Template item override, else KRA↔KPI override, else the KPI's default weight. */
export function resolveWeight(w: WeightCandidates): { value: number; source: WeightSource } {
  if (w.template_item !== null && w.template_item !== undefined)
    return { value: w.template_item, source: 'template_item' };
  if (w.kra_kpi !== null && w.kra_kpi !== undefined) return { value: w.kra_kpi, source: 'kra_kpi' };
  return { value: w.kpi_default, source: 'kpi_default' };
}

/**
 * Σ wᵢsᵢ / Σ wᵢ over the items that have a score. Items without one are dropped with their weight,
 * which renormalizes the rest; null when nothing has a score (never 0).
 */
export function weightedAverage(items: readonly { score: number | null; weight: number }[]): number | null {
  let sum = 0;
  let weights = 0;
  for (const item of items) {
    if (item.score === null) continue;
    sum += item.score * item.weight;
    weights += item.weight;
  }
  return weights === 0 ? null : sum / weights;
}

/** Template KRA weights must total 100 within this tolerance. */
export const KRA_WEIGHT_TOLERANCE = 0.01;

export type KraWeightCheck =
  | { ok: true; weights: number[]; normalized: boolean }
  | { ok: false; code: 'kra_weights_sum'; sum: number; message: string };

/**
 * KRA weights must sum to 100 ± 0.01. With `normalize`, any positive weights are rescaled to
 * sum to 100 instead of being rejected.
 */
export function checkKraWeights(weights: readonly number[], normalize = false): KraWeightCheck {
  const sum = weights.reduce((a, b) => a + b, 0);
  // The epsilon keeps decimal edges like 33.33 × 3 = 99.99 inside despite binary rounding.
  if (Math.abs(sum - 100) <= KRA_WEIGHT_TOLERANCE + 1e-9)
    return { ok: true, weights: [...weights], normalized: false };
  if (normalize && sum > 0)
    return { ok: true, weights: weights.map((w) => (w * 100) / sum), normalized: true };
  return {
    ok: false,
    code: 'kra_weights_sum',
    sum,
    message: `KRA weights must sum to 100 (±${KRA_WEIGHT_TOLERANCE}), got ${sum}; ask to normalize to rescale them`,
  };
}
