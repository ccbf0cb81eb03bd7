import type { KpiCategory, KpiDefinition } from './types';

/** Categories where effort may not lift a weak outcome (the floor rule). */
export const EFFORT_FLOOR_CATEGORIES: readonly KpiCategory[] = ['safety', 'compliance'];

/** Effort rating 1–5 on the 0–100 score scale. */
export function effortScore(rating: number): number {
  return (rating - 1) * 25;
}

export interface EffortResult {
  final: number;
  /** Effort on the score scale, or null when no blend applied. */
  effort_score: number | null;
  blended: number | null;
  /** True when the floor rule kept the final at the outcome. */
  floored: boolean;
}

/**
 * final = (1 − w)·outcome + w·effort when the KPI has an effort weight and a rating exists.
 * For safety and compliance, an outcome under minimum_score is never raised by effort.
 */
export function applyEffort(
  kpi: KpiDefinition,
  outcome: number,
  rating: number | null | undefined,
): EffortResult {
  const w = kpi.effort_weight;
  if (w === undefined || rating === null || rating === undefined) {
    return { final: outcome, effort_score: null, blended: null, floored: false };
  }
  const effort = effortScore(rating);
  const blended = (1 - w) * outcome + w * effort;
  const floorApplies =
    EFFORT_FLOOR_CATEGORIES.includes(kpi.category) &&
    kpi.minimum_score !== undefined &&
    outcome < kpi.minimum_score;
  const final = floorApplies ? Math.min(blended, outcome) : blended;
  return { final, effort_score: effort, blended, floored: floorApplies && final < blended };
}
