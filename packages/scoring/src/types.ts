// Input shapes for scoring. Field names are snake_case so a KPI body from the registry API or a
// Postgres JSON column can be passed straight through.

export const DIRECTIONS = ['higher_is_better', 'lower_is_better', 'target_band', 'informational'] as const;
export type Direction = (typeof DIRECTIONS)[number];

export const SCORING_METHODS = ['linear', 'capped', 'banded', 'sigmoid', 'binary'] as const;
export type ScoringMethod = (typeof SCORING_METHODS)[number];

export const KPI_CATEGORIES = [
  'culture',
  'productivity',
  'communication',
  'safety',
  'care_quality',
  'financial',
  'leadership',
  'compliance',
  'operational',
] as const;
export type KpiCategory = (typeof KPI_CATEGORIES)[number];

export const EVALUATION_FREQUENCIES = [
  'daily',
  'weekly',
  'fortnightly',
  'monthly',
  'quarterly',
  'annually',
] as const;
export type EvaluationFrequency = (typeof EVALUATION_FREQUENCIES)[number];

export const AUTOMATION_STATUSES = ['manual', 'assisted', 'automated'] as const;
export type AutomationStatus = (typeof AUTOMATION_STATUSES)[number];

/** A `[from, to)` band on the actual value; `to` absent means open-ended (last band only). */
export interface ScoreBand {
  from: number;
  to?: number;
  score: number;
}

export interface KpiParams {
  cap?: number;
  floor?: number;
  ceiling?: number;
  k?: number;
  m?: number;
  bands?: ScoreBand[];
}

/** The acceptable range for direction `target_band`. */
export interface TargetBand {
  low: number;
  high: number;
  penalty?: number;
}

/** A KPI definition: the registry's KPI body. */
export interface KpiDefinition {
  slug: string;
  name: string;
  category: KpiCategory;
  direction: Direction;
  target: number;
  unit?: string;
  band?: TargetBand;
  scoring_method: ScoringMethod;
  params?: KpiParams;
  weight_default: number;
  effort_weight?: number;
  target_score?: number;
  minimum_score?: number;
  evaluation_frequency: EvaluationFrequency;
  role_groups?: string[];
  coaching_tips?: string[];
  guardrail_group?: string;
  automation_status?: AutomationStatus;
}

/** A reviewer's replacement for a computed score. */
export interface OverrideInput {
  value: number;
  reason?: string;
}

export const GROWTH_LABELS = ['exceeding', 'meeting', 'growing'] as const;
export type GrowthLabel = (typeof GROWTH_LABELS)[number];
