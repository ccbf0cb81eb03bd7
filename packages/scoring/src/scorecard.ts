import {
  KRA_FORMULA,
  OVERALL_FORMULA,
  type KraExplanation,
  type OverallExplanation,
  type OverrideNote,
  type WeightNote,
  type WeightSource,
} from './explain';
import { evaluateGuardrails, guardrailCapFor, type GuardrailBreach, type GuardrailRule } from './guardrails';
import { finishKpi, measureKpi, type KpiResult, type KpiScoreInput } from './kpi';
import { DEFAULT_RATING_SCHEME, ratingBandFor, type RatingScheme } from './labels';
import { resolveWeight } from './rollup';
import type { OverrideInput } from './types';

export interface ScorecardKpiInput extends KpiScoreInput {
  /** Template item weight (wins over kra_weight and the KPI default). */
  weight?: number | null;
  /** KRA↔KPI mapping weight. */
  kra_weight?: number | null;
}

export interface ScorecardKraInput {
  kra_id: string;
  weight: number;
  kpis: ScorecardKpiInput[];
  override?: OverrideInput | null;
}

export interface ScorecardInput {
  kras: ScorecardKraInput[];
  guardrails?: GuardrailRule[];
  rating_scheme?: RatingScheme;
  override?: OverrideInput | null;
}

/** A KPI result inside a scorecard: always weighted. */
export interface RolledKpiResult extends KpiResult {
  weight: number;
  weight_source: WeightSource;
}

export interface KraResult {
  kra_id: string;
  weight: number;
  computed_score: number | null;
  /** The effective KRA score (override if any): what rolls up. */
  score: number | null;
  kpis: RolledKpiResult[];
  explanation: KraExplanation;
}

export interface ScorecardResult {
  computed_total: number | null;
  /** The effective overall score (override if any). */
  total_score: number | null;
  rating_band: string | null;
  kras: KraResult[];
  guardrail_breaches: GuardrailBreach[];
  explanation: OverallExplanation;
}

/**
 * Scores a whole scorecard: every KPI (actual → raw → method → guardrail cap → effort → override),
 * then KPI → KRA → overall with renormalized weights, then the rating band. Inputs are assumed
 * valid (validateKpi / validateTemplate on save, scorePreview on request); the result carries an
 * explanation at every level.
 */
export function scoreScorecard(input: ScorecardInput): ScorecardResult {
  const breaches = input.guardrails?.length
    ? evaluateGuardrails(input.guardrails, (id) => guardrailScore(input, id))
    : [];

  const kras: KraResult[] = [];
  for (const kra of input.kras) {
    const kpis: RolledKpiResult[] = [];
    let sum = 0;
    let weightSum = 0;
    for (const item of kra.kpis) {
      const cap = breaches.length === 0 ? null : guardrailCapFor(item.id ?? item.kpi.slug, breaches);
      const weight = resolveWeight({
        template_item: item.weight,
        kra_kpi: item.kra_weight,
        kpi_default: item.kpi.weight_default,
      });
      const scored = finishKpi(item, measureKpi(item.kpi, item.actual), cap, weight) as RolledKpiResult;
      if (scored.score !== null) {
        sum += scored.score * weight.value;
        weightSum += weight.value;
      }
      kpis.push(scored);
    }
    const computed = weightSum === 0 ? null : sum / weightSum;
    const included: string[] = [];
    const excluded: KraExplanation['excluded'] = [];
    for (const k of kpis) {
      if (k.score === null) {
        excluded.push({ kpi_id: k.id, status: k.status });
        continue;
      }
      k.weighted_score = (k.score * k.weight) / weightSum;
      (k.explanation.weight as WeightNote).share = k.weight / weightSum;
      included.push(k.id);
    }
    const override = overrideNote(kra.override, computed);
    const score = override === null ? computed : override.value;
    kras.push({
      kra_id: kra.kra_id,
      weight: kra.weight,
      computed_score: computed,
      score,
      kpis,
      explanation: {
        kind: 'kra',
        kra_id: kra.kra_id,
        formula: KRA_FORMULA,
        weight_sum: weightSum,
        included,
        excluded,
        computed,
        override,
        score,
      },
    });
  }
  return rollUpOverall(input, kras, breaches);
}

function rollUpOverall(
  input: ScorecardInput,
  kras: KraResult[],
  breaches: GuardrailBreach[],
): ScorecardResult {
  let sum = 0;
  let weightSum = 0;
  for (const kra of kras) {
    if (kra.score === null) continue;
    sum += kra.score * kra.weight;
    weightSum += kra.weight;
  }
  const computed = weightSum === 0 ? null : sum / weightSum;
  const override = overrideNote(input.override, computed);
  const total = override === null ? computed : override.value;
  const scheme = input.rating_scheme ?? DEFAULT_RATING_SCHEME;
  const band = ratingBandFor(total, scheme);
  return {
    computed_total: computed,
    total_score: total,
    rating_band: band === null ? null : band.label,
    kras,
    guardrail_breaches: breaches,
    explanation: {
      kind: 'overall',
      formula: OVERALL_FORMULA,
      weight_sum: weightSum,
      included: kras
        .filter((k) => k.score !== null)
        .map((k) => ({ kra_id: k.kra_id, weight: k.weight, share: k.weight / weightSum })),
      excluded: kras.filter((k) => k.score === null).map((k) => k.kra_id),
      computed,
      override,
      total,
      rating: { scheme: scheme.name ?? null, band, bands: scheme.bands },
      guardrails: breaches,
    },
  };
}

/**
 * A guardrail KPI's score for the rule check: its method score, or its override when a reviewer
 * set one (the override is the KPI's effective value everywhere). A scan beats building a map:
 * rules name a handful of KPIs on scorecards of a few dozen.
 */
function guardrailScore(input: ScorecardInput, id: string): number | null {
  for (const kra of input.kras) {
    for (const item of kra.kpis) {
      if ((item.id ?? item.kpi.slug) !== id) continue;
      if (item.kpi.direction === 'informational') return null;
      return item.override?.value ?? measureKpi(item.kpi, item.actual).outcome;
    }
  }
  return null;
}

function overrideNote(
  override: OverrideInput | null | undefined,
  computed: number | null,
): OverrideNote | null {
  return override === null || override === undefined
    ? null
    : { computed, value: override.value, reason: override.reason ?? null };
}
