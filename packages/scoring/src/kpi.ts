import { applyEffort } from './effort';
import {
  EFFORT_FLOOR_FORMULA,
  EFFORT_FORMULA,
  GUARDRAIL_FORMULA,
  OVERRIDE_FORMULA,
  type KpiExplanation,
  type KpiStatus,
  type WeightSource,
} from './explain';
import type { GuardrailBreach } from './guardrails';
import { jsonNumber } from './json';
import { growthLabel, growthThresholds } from './labels';
import { methodCap, methodCapApplied, methodFormula, methodScore } from './methods';
import { computeRaw, rawFormula } from './raw';
import type { GrowthLabel, KpiDefinition, OverrideInput } from './types';

export interface KpiScoreInput {
  kpi: KpiDefinition;
  /** The id guardrails and roll-up explanations refer to; defaults to the slug. */
  id?: string;
  /** Null when the binding matched no records (or a ratio's denominator was 0). */
  actual: number | null;
  /** Effort rating 1–5 from the journal. */
  effort_rating?: number | null;
  override?: OverrideInput | null;
}

export interface KpiResult {
  id: string;
  slug: string;
  status: KpiStatus;
  actual: number | null;
  /** +Infinity is possible (lower-is-better with actual ≤ 0); see jsonNumber for output. */
  raw: number | null;
  /** Method score before guardrail caps, effort and overrides. */
  outcome: number | null;
  effort_score: number | null;
  /** The effective score: what rolls up. */
  score: number | null;
  label: GrowthLabel | null;
  /** Roll-up weight and its source; null when the KPI was scored on its own. */
  weight: number | null;
  weight_source: WeightSource | null;
  /** sᵢ·wᵢ / Σw within the KRA; null when the KPI has no score or was scored on its own. */
  weighted_score: number | null;
  explanation: KpiExplanation;
}

/** Steps 1–3: actual → raw → method score. Kept apart so guardrails can read every outcome first. */
export interface Measured {
  raw: number | null;
  outcome: number | null;
}

export function measureKpi(kpi: KpiDefinition, actual: number | null): Measured {
  if (actual === null) return { raw: null, outcome: null };
  const raw = computeRaw(kpi, actual);
  return { raw, outcome: raw === null ? null : methodScore(kpi, raw, actual) };
}

export interface AppliedGuardrail {
  cap: number;
  breaches: GuardrailBreach[];
}

/** Scores one KPI on its own (no guardrails or weights apply outside a scorecard). */
export function scoreKpi(input: KpiScoreInput): KpiResult {
  return finishKpi(input, measureKpi(input.kpi, input.actual), null, null);
}

const ACTUAL_FORMULA = 'measured value for the period';

/**
 * Steps 4–6: guardrail cap → effort blend → override, with the explanation of every step. Every
 * field is set when the objects are created (not added later) so V8 keeps one shape per object kind:
 * this runs for every KPI of every person.
 */
export function finishKpi(
  input: KpiScoreInput,
  measured: Measured,
  guardrail: AppliedGuardrail | null,
  weight: { value: number; source: WeightSource } | null,
): KpiResult {
  const { kpi, actual } = input;
  const rating = input.effort_rating ?? null;
  const explanation: KpiExplanation = {
    kind: 'kpi',
    slug: kpi.slug,
    name: kpi.name,
    category: kpi.category,
    unit: kpi.unit ?? null,
    status: 'scored',
    inputs: {
      actual,
      target: kpi.target,
      direction: kpi.direction,
      scoring_method: kpi.scoring_method,
      params: kpi.params ?? null,
      band: kpi.band ?? null,
      effort_weight: kpi.effort_weight ?? null,
      effort_rating: rating,
    },
    steps: [],
    caps: [],
    weight: weight === null ? null : { value: weight.value, source: weight.source, share: null },
    override: null,
    thresholds: growthThresholds(kpi),
    label: null,
    score: null,
  };
  const steps = explanation.steps;
  const result: KpiResult = {
    id: input.id ?? kpi.slug,
    slug: kpi.slug,
    status: 'scored',
    actual,
    raw: measured.raw,
    outcome: measured.outcome,
    effort_score: null,
    score: null,
    label: null,
    weight: weight === null ? null : weight.value,
    weight_source: weight === null ? null : weight.source,
    weighted_score: null,
    explanation,
  };

  if (kpi.direction === 'informational') {
    steps.push({ step: 'actual', formula: ACTUAL_FORMULA, value: actual });
    steps.push({
      step: 'raw',
      formula: rawFormula(kpi),
      value: null,
      note: 'shown only; excluded from the roll-up',
    });
    return withStatus(result, 'informational', kpi);
  }
  if (actual === null || measured.raw === null || measured.outcome === null) {
    steps.push({
      step: 'actual',
      formula: ACTUAL_FORMULA,
      value: null,
      note: 'no data: no matching records (or a ratio with denominator 0); left out of the roll-up',
    });
    return applyOverride(input, result, null);
  }

  const raw = measured.raw;
  steps.push({ step: 'actual', formula: ACTUAL_FORMULA, value: actual });
  steps.push({ step: 'raw', formula: rawFormula(kpi), value: jsonNumber(raw) });
  if (methodCapApplied(kpi, raw)) {
    const cap = 100 * methodCap(kpi);
    steps.push({ step: 'method', formula: methodFormula(kpi), value: measured.outcome, note: 'capped' });
    explanation.caps.push({
      kind: 'method_cap',
      cap,
      reason: `${kpi.scoring_method} caps the score at 100 * cap`,
    });
  } else {
    steps.push({ step: 'method', formula: methodFormula(kpi), value: measured.outcome });
  }

  let outcome = measured.outcome;
  if (guardrail !== null && outcome > guardrail.cap) {
    outcome = guardrail.cap;
    const reason = guardrailReason(guardrail);
    steps.push({ step: 'guardrail_cap', formula: GUARDRAIL_FORMULA, value: outcome, note: reason });
    explanation.caps.push({ kind: 'guardrail', cap: guardrail.cap, reason });
  }

  const effort = applyEffort(kpi, outcome, rating);
  if (effort.blended !== null) {
    result.effort_score = effort.effort_score;
    steps.push({ step: 'effort', formula: EFFORT_FORMULA, value: effort.blended });
    if (effort.floored)
      steps.push({ step: 'effort_floor', formula: EFFORT_FLOOR_FORMULA, value: effort.final });
  }
  return applyOverride(input, result, effort.final);
}

function applyOverride(input: KpiScoreInput, result: KpiResult, computed: number | null): KpiResult {
  const override = input.override;
  if (override === null || override === undefined) {
    result.score = computed;
    return withStatus(result, computed === null ? 'no_data' : 'scored', input.kpi);
  }
  result.score = override.value;
  result.explanation.override = { computed, value: override.value, reason: override.reason ?? null };
  result.explanation.steps.push({ step: 'override', formula: OVERRIDE_FORMULA, value: override.value });
  return withStatus(result, 'overridden', input.kpi);
}

function withStatus(result: KpiResult, status: KpiStatus, kpi: KpiDefinition): KpiResult {
  const label = growthLabel(result.score, kpi);
  result.status = status;
  result.label = label;
  result.explanation.status = status;
  result.explanation.label = label;
  result.explanation.score = result.score;
  return result;
}

function guardrailReason(guardrail: AppliedGuardrail): string {
  return guardrail.breaches
    .map((b) => {
      const who = b.breached_by.map((g) => `${g.kpi_id} scored ${g.score}`).join(', ');
      const cap = b.cap_to === null ? `the lowest guardrail score ${b.lowest_score}` : `cap_to ${b.cap_to}`;
      return `guardrail ${b.rule_index}: ${who} (under min_score ${b.min_score}), so capped at ${cap}`;
    })
    .join('; ');
}
