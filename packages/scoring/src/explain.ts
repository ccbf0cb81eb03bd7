// The structured explanation stored with every result (Postgres JSON, dashboard). Formulas are
// fixed text and numbers sit beside them, so building one costs no string formatting.
import type { GuardrailBreach } from './guardrails';
import type { JsonNumber } from './json';
import type { GrowthThresholds, RatingBand } from './labels';
import type { GrowthLabel, KpiCategory, KpiParams, Direction, ScoringMethod, TargetBand } from './types';

export type KpiStatus = 'scored' | 'overridden' | 'no_data' | 'informational';

export type StepName = 'actual' | 'raw' | 'method' | 'guardrail_cap' | 'effort' | 'effort_floor' | 'override';

export interface ExplanationStep {
  step: StepName;
  formula: string;
  value: JsonNumber | null;
  note?: string;
}

export interface CapNote {
  kind: 'method_cap' | 'guardrail';
  /** The ceiling on the score scale. */
  cap: number;
  reason: string;
}

export type WeightSource = 'template_item' | 'kra_kpi' | 'kpi_default';

export interface WeightNote {
  value: number;
  source: WeightSource;
  /** w / Σw over the scored KPIs of the KRA; null when this KPI has no score. */
  share: number | null;
}

export interface OverrideNote {
  /** The value the override replaced (null when there was none, e.g. no data). */
  computed: number | null;
  value: number;
  reason: string | null;
}

export interface KpiExplanation {
  kind: 'kpi';
  slug: string;
  name: string;
  category: KpiCategory;
  unit: string | null;
  status: KpiStatus;
  inputs: {
    actual: number | null;
    target: number;
    direction: Direction;
    scoring_method: ScoringMethod;
    params: KpiParams | null;
    band: TargetBand | null;
    effort_weight: number | null;
    effort_rating: number | null;
  };
  steps: ExplanationStep[];
  caps: CapNote[];
  /** Filled in by the roll-up; null for a KPI scored on its own. */
  weight: WeightNote | null;
  override: OverrideNote | null;
  thresholds: GrowthThresholds | null;
  label: GrowthLabel | null;
  score: number | null;
}

export interface KraExplanation {
  kind: 'kra';
  kra_id: string;
  formula: string;
  weight_sum: number;
  included: string[];
  excluded: { kpi_id: string; status: KpiStatus }[];
  computed: number | null;
  override: OverrideNote | null;
  score: number | null;
}

export interface OverallExplanation {
  kind: 'overall';
  formula: string;
  weight_sum: number;
  included: { kra_id: string; weight: number; share: number }[];
  excluded: string[];
  computed: number | null;
  override: OverrideNote | null;
  total: number | null;
  rating: { scheme: string | null; band: RatingBand | null; bands: RatingBand[] };
  guardrails: GuardrailBreach[];
}

export const KRA_FORMULA = 'KRA = sum(w_i * s_i) / sum(w_i) over KPIs with a score';
export const OVERALL_FORMULA = 'overall = sum(W_j * K_j) / sum(W_j) over KRAs with a score';
export const GUARDRAIL_FORMULA = 'score = min(score, cap)';
export const EFFORT_FORMULA = 'final = (1 - w) * outcome + w * effort, effort = (rating - 1) * 25';
export const EFFORT_FLOOR_FORMULA =
  'final = min(blend, outcome) for safety/compliance when outcome < minimum_score';
export const OVERRIDE_FORMULA = 'score = override';
