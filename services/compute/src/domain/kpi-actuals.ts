import { ratioActual } from '@scorecard/scoring';
import type { KpiPlan } from './binding-compiler';

/** One leaf's outcome for one employee, as a compiled query returns it. */
export interface LeafValue {
  value: number | null;
  count: number;
  evidenceIds: string[];
  /**
   * md5 of the evidence array's text, computed by the evaluation query: what the inputs hash
   * covers instead of the ids, so a run whose ids stay in Postgres hashes like one that fetched them.
   */
  evidenceDigest?: string;
  /** Where the ids wait in `evidence_scratch` when they were kept in Postgres (`evidenceIds` is then empty). */
  evidenceRef?: string;
}

/** A KPI's measured value for one employee and period. `actual` null = no data. */
export interface KpiActual {
  actual: number | null;
  evidenceIds: string[];
  evidenceCount: number;
  evidenceDigest?: string;
  evidenceRef?: string;
}

const NONE: LeafValue = { value: null, count: 0, evidenceIds: [] };

/**
 * Turns leaf values into a KPI actual. A leaf that matched no records has no data (never 0). A
 * ratio is numerator / denominator × scale, with no data when the denominator matched nothing or
 * is 0; a numerator that matched nothing counts as 0. A ratio's evidence is its denominator's
 * records: the population the rate is measured over.
 */
export function kpiActual(plan: KpiPlan, leaf: (key: string) => LeafValue | undefined): KpiActual {
  if (plan.kind === 'leaf') {
    const v = leaf(plan.leaf) ?? NONE;
    return { actual: v.count === 0 ? null : v.value, ...evidenceOf(v) };
  }
  const num = leaf(plan.numerator) ?? NONE;
  const den = leaf(plan.denominator) ?? NONE;
  const ratio = den.count === 0 || den.value === null ? null : ratioActual(num.value ?? 0, den.value);
  return {
    actual: ratio === null ? null : ratio * plan.scale,
    ...evidenceOf(den),
  };
}

function evidenceOf(v: LeafValue): Omit<KpiActual, 'actual'> {
  return {
    evidenceIds: v.evidenceIds,
    evidenceCount: v.count,
    ...(v.evidenceDigest !== undefined ? { evidenceDigest: v.evidenceDigest } : {}),
    ...(v.evidenceRef !== undefined ? { evidenceRef: v.evidenceRef } : {}),
  };
}
