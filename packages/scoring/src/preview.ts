// POST /api/v1/performance/score-preview as a pure function: the same code path compute uses.
import { z } from 'zod';
import type { KpiExplanation, KraExplanation, KpiStatus, OverallExplanation } from './explain';
import type { GuardrailBreach, GuardrailRule } from './guardrails';
import { jsonNumberOrNull, type JsonNumber } from './json';
import { scoreKpi } from './kpi';
import { methodCap } from './methods';
import { describeKpi, type KpiNarrative } from './narrative';
import { checkKraWeights } from './rollup';
import { scoreScorecard, type ScorecardInput } from './scorecard';
import type { GrowthLabel, OverrideInput } from './types';
import { guardrailSchema, kpiSchema, ratingScheme, zodIssues, type Validation } from './validate';

/** A KPI explanation plus its employee and manager renderings. */
export type PreviewExplanation = KpiExplanation & { text: KpiNarrative };

export interface KpiPreviewResponse {
  /** The raw ratio; "Infinity" when lower-is-better meets actual ≤ 0; null when not scored or no data. */
  raw: JsonNumber | null;
  score: number | null;
  status: KpiStatus;
  label: GrowthLabel | null;
  explanation: PreviewExplanation;
}

export interface ScorecardPreviewResponse {
  total_score: number | null;
  rating_band: string | null;
  kras: {
    kra_id: string;
    score: number | null;
    kpis: {
      slug: string;
      raw: JsonNumber | null;
      score: number | null;
      weighted_score: number | null;
      status: KpiStatus;
      label: GrowthLabel | null;
      explanation: PreviewExplanation;
    }[];
    explanation: KraExplanation;
  }[];
  guardrail_breaches: GuardrailBreach[];
  explanation: OverallExplanation;
}

export type PreviewResponse = KpiPreviewResponse | ScorecardPreviewResponse;

const finite = z.number().finite();
const overrideSchema = z
  .union([finite, z.object({ value: finite, reason: z.string().optional() })])
  .transform((o): OverrideInput => (typeof o === 'number' ? { value: o } : (o as OverrideInput)));
const effortRating = z
  .number()
  .int('must be a whole number 1-5')
  .min(1, 'must be 1-5')
  .max(5, 'must be 1-5')
  .nullable();

export const singleSchema = z.object({
  kpi: kpiSchema,
  actual: z.number({ invalid_type_error: 'must be a number, or null for no data' }).finite().nullable(),
  effort_rating: effortRating.optional(),
});

const scorecardBodySchema = z.object({
  kras: z
    .array(
      z.object({
        kra_id: z.string().min(1),
        weight: finite.gt(0, 'must be > 0'),
        override: overrideSchema.optional(),
        kpis: z
          .array(
            z.object({
              kpi: kpiSchema,
              weight: finite.gt(0, 'must be > 0').optional(),
              actual: finite.nullable().optional(),
              effort_rating: effortRating.optional(),
              override: overrideSchema.optional(),
            }),
          )
          .min(1, 'a KRA needs at least one KPI'),
      }),
    )
    .min(1, 'a scorecard needs at least one KRA'),
  guardrails: z.array(guardrailSchema).optional(),
  rating_scheme: ratingScheme.optional(),
  override: overrideSchema.optional(),
  /** Rescale KRA weights to 100 instead of rejecting a sum other than 100. */
  normalize_weights: z.boolean().optional(),
});

type ScorecardRequest = z.infer<typeof scorecardBodySchema>;

export const scorecardSchema = z.object({ scorecard: scorecardBodySchema.superRefine(checkScorecard) });

function checkScorecard(sc: ScorecardRequest, ctx: z.RefinementCtx): void {
  const add = (path: (string | number)[], message: string): void =>
    ctx.addIssue({ code: z.ZodIssueCode.custom, path, message });
  const slugs = new Set<string>();
  const kraIds = new Set<string>();
  sc.kras.forEach((kra, j) => {
    if (kraIds.has(kra.kra_id)) add(['kras', j, 'kra_id'], `duplicate KRA ${kra.kra_id}`);
    kraIds.add(kra.kra_id);
    if (kra.override !== undefined && kra.override.value < 0)
      add(['kras', j, 'override'], 'override must be >= 0');
    kra.kpis.forEach((item, i) => {
      const kpi = item.kpi;
      if (slugs.has(kpi.slug))
        add(
          ['kras', j, 'kpis', i, 'kpi', 'slug'],
          `duplicate KPI slug ${kpi.slug}: KPIs are referenced by slug`,
        );
      slugs.add(kpi.slug);
      if (item.override === undefined) return;
      const max = 100 * methodCap(kpi);
      if (kpi.direction === 'informational')
        add(['kras', j, 'kpis', i, 'override'], 'informational KPIs are not scored');
      else if (item.override.value < 0 || item.override.value > max) {
        add(['kras', j, 'kpis', i, 'override'], `override must be within [0, ${max}]`);
      }
    });
  });
  (sc.guardrails ?? []).forEach((g, n) => {
    for (const key of ['primary_kpi_ids', 'guardrail_kpi_ids'] as const) {
      g[key].forEach((slug, i) => {
        if (!slugs.has(slug)) add(['guardrails', n, key, i], `unknown KPI slug ${slug}`);
      });
    }
  });
  if (sc.override !== undefined && sc.override.value < 0) add(['override'], 'override must be >= 0');
  const weights = checkKraWeights(
    sc.kras.map((k) => k.weight),
    sc.normalize_weights ?? false,
  );
  if (!weights.ok) add(['kras'], weights.message);
}

/**
 * The what-if calculator. `{kpi, actual, effort_rating?}` scores one KPI; `{scorecard: {...}}`
 * scores and rolls up a whole scorecard. Invalid requests come back as errors with field paths.
 * The response is JSON-safe: an infinite raw ratio is the string "Infinity".
 */
export function scorePreview(request: unknown): Validation<PreviewResponse> {
  const kind = requestKind(request);
  if (kind === null) {
    return {
      ok: false,
      code: 'invalid',
      errors: [
        {
          path: '',
          message: 'expected an object with either `kpi` (one KPI) or `scorecard` (a whole scorecard)',
        },
      ],
    };
  }
  if (kind === 'kpi') {
    const parsed = singleSchema.safeParse(request);
    if (!parsed.success) return { ok: false, code: 'invalid', errors: zodIssues(parsed.error) };
    const { kpi, actual, effort_rating } = parsed.data;
    const result = scoreKpi({ kpi, actual, effort_rating: effort_rating ?? null });
    return {
      ok: true,
      value: {
        raw: jsonNumberOrNull(result.raw),
        score: result.score,
        status: result.status,
        label: result.label,
        explanation: withText(result.explanation),
      },
    };
  }
  const parsed = scorecardSchema.safeParse(request);
  if (!parsed.success) return { ok: false, code: 'invalid', errors: zodIssues(parsed.error) };
  const result = scoreScorecard(toScorecardInput(parsed.data.scorecard));
  return {
    ok: true,
    value: {
      total_score: result.total_score,
      rating_band: result.rating_band,
      kras: result.kras.map((kra) => ({
        kra_id: kra.kra_id,
        score: kra.score,
        kpis: kra.kpis.map((k) => ({
          slug: k.slug,
          raw: jsonNumberOrNull(k.raw),
          score: k.score,
          weighted_score: k.weighted_score,
          status: k.status,
          label: k.label,
          explanation: withText(k.explanation),
        })),
        explanation: kra.explanation,
      })),
      guardrail_breaches: result.guardrail_breaches,
      explanation: result.explanation,
    },
  };
}

function requestKind(request: unknown): 'kpi' | 'scorecard' | null {
  if (typeof request !== 'object' || request === null || Array.isArray(request)) return null;
  const hasKpi = 'kpi' in request;
  const hasScorecard = 'scorecard' in request;
  if (hasKpi === hasScorecard) return null;
  return hasKpi ? 'kpi' : 'scorecard';
}

function toScorecardInput(sc: ScorecardRequest): ScorecardInput {
  const weights = checkKraWeights(
    sc.kras.map((k) => k.weight),
    sc.normalize_weights ?? false,
  );
  const input: ScorecardInput = {
    kras: sc.kras.map((kra, j) => ({
      kra_id: kra.kra_id,
      weight: weights.ok ? (weights.weights[j] ?? kra.weight) : kra.weight,
      override: kra.override ?? null,
      kpis: kra.kpis.map((item) => ({
        kpi: item.kpi,
        actual: item.actual ?? null,
        effort_rating: item.effort_rating ?? null,
        weight: item.weight ?? null,
        override: item.override ?? null,
      })),
    })),
    override: sc.override ?? null,
  };
  if (sc.guardrails !== undefined) input.guardrails = sc.guardrails as GuardrailRule[];
  if (sc.rating_scheme !== undefined) input.rating_scheme = sc.rating_scheme;
  return input;
}

function withText(explanation: KpiExplanation): PreviewExplanation {
  return { ...explanation, text: describeKpi(explanation) };
}
