import {
  KRA_FORMULA,
  OVERALL_FORMULA,
  type KraExplanation,
  type OverallExplanation,
  type OverrideNote,
  type WeightSource,
} from './explain';
import { evaluateGuardrails, guardrailCapFor, type GuardrailBreach, type GuardrailRule } from './guardrails';
import { finishKpi, measureKpi, type KpiResult, type KpiScoreInput, type Measured } from './kpi';
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

export interface RolledKpiResult extends KpiResult {
  weight: number;
  weight_source: WeightSource;
  /** sᵢ·wᵢ / Σw within the KRA; null when the KPI has no score. */
  weighted_score: number | null;
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
 * valid (see validateScorecard); the result carries an explanation at every level.
 */
export function scoreScorecard(input: ScorecardInput): ScorecardResult {
  const measured: Measured[][] = input.kras.map((kra) => kra.kpis.map((k) => measureKpi(k.kpi, k.actual)));
  const breaches = input.guardrails?.length
    ? evaluateGuardrails(input.guardrails, guardrailScores(input, measured))
    : [];

  const kras: KraResult[] = [];
  for (let j = 0; j < input.kras.length; j++) {
    const kra = input.kras[j] as ScorecardKraInput;
    const kraMeasured = measured[j] as Measured[];
    const kpis: RolledKpiResult[] = [];
    let sum = 0;
    let weightSum = 0;
    for (let i = 0; i < kra.kpis.length; i++) {
      const item = kra.kpis[i] as ScorecardKpiInput;
      const cap = breaches.length === 0 ? null : guardrailCapFor(item.id ?? item.kpi.slug, breaches);
      const scored = finishKpi(item, kraMeasured[i] as Measured, cap) as RolledKpiResult;
      const weight = resolveWeight({
        template_item: item.weight,
        kra_kpi: item.kra_weight,
        kpi_default: item.kpi.weight_default,
      });
      scored.weight = weight.value;
      scored.weight_source = weight.source;
      scored.weighted_score = null;
      scored.explanation.weight = { value: weight.value, source: weight.source, share: null };
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
      (k.explanation.weight as { share: number | null }).share = k.weight / weightSum;
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
 * set one (the override is the KPI's effective value everywhere).
 */
function guardrailScores(input: ScorecardInput, measured: Measured[][]): (id: string) => number | null {
  const scores = new Map<string, number | null>();
  input.kras.forEach((kra, j) =>
    kra.kpis.forEach((item, i) => {
      const outcome = measured[j]?.[i]?.outcome ?? null;
      const own = item.kpi.direction === 'informational' ? null : (item.override?.value ?? outcome);
      scores.set(item.id ?? item.kpi.slug, own);
    }),
  );
  return (id) => scores.get(id) ?? null;
}

function overrideNote(
  override: OverrideInput | null | undefined,
  computed: number | null,
): OverrideNote | null {
  return override === null || override === undefined
    ? null
    : { computed, value: override.value, reason: override.reason ?? null };
}
