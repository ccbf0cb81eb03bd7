// Config validation. Bad configs are rejected when saved (never scored as 0); every message names
// the field path, e.g. `params.floor` or `kras[0].kpis[1].weight`.
import { z } from 'zod';
import type { BonusPolicy } from './bonus';
import type { GuardrailRule } from './guardrails';
import type { RatingScheme } from './labels';
import { checkKraWeights } from './rollup';
import type { TriggerRule } from './triggers';
import {
  AUTOMATION_STATUSES,
  DIRECTIONS,
  EVALUATION_FREQUENCIES,
  KPI_CATEGORIES,
  SCORING_METHODS,
  type KpiDefinition,
  type ScoringMethod,
} from './types';

export interface ValidationIssue {
  /** Dotted path with [index] for arrays, e.g. `scorecard.kras[0].kpis[1].weight`. */
  path: string;
  message: string;
}

export type Validation<T> =
  { ok: true; value: T } | { ok: false; code: 'invalid'; errors: ValidationIssue[] };

export const EFFORT_WEIGHT_RANGE = { min: 0.15, max: 0.3 } as const;

/** Renders a zod-style path as `a.b[0].c`, optionally under a prefix. */
export function formatPath(path: readonly (string | number)[], prefix = ''): string {
  let out = prefix;
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : out === '' ? part : `.${part}`;
  return out;
}

/** Registry JSON often carries null for "not set"; treat it as absent. */
function dropNulls(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null));
}

const finite = z.number().finite();
const positive = finite.gt(0, 'must be > 0');
const nonNegative = finite.min(0, 'must be >= 0');
const id = z.string().min(1, 'must be a non-empty string');

const scoreBandSchema = z.preprocess(
  dropNulls,
  z.object({ from: finite, to: finite.optional(), score: finite }),
);

const paramsSchema = z.preprocess(
  dropNulls,
  z.object({
    cap: finite.min(1, 'cap must be >= 1 (1.2 allows stretch credit up to 120)').optional(),
    floor: finite.optional(),
    ceiling: finite.optional(),
    k: positive.optional(),
    m: finite.optional(),
    bands: z.array(scoreBandSchema).optional(),
  }),
);

const targetBandSchema = z.preprocess(
  dropNulls,
  z.object({ low: finite, high: finite, penalty: positive.optional() }),
);

type RefineCtx = z.RefinementCtx;
const issue = (ctx: RefineCtx, path: (string | number)[], message: string): void =>
  ctx.addIssue({ code: z.ZodIssueCode.custom, path, message });

interface HalfOpenBand {
  from: number;
  to?: number | undefined;
}

/**
 * Half-open bands must not overlap; at most one may be open-ended and it must be the highest.
 * With `ordered`, bands must also be listed in ascending order (first match wins for score bands).
 */
function checkBands(
  bands: readonly HalfOpenBand[],
  ctx: RefineCtx,
  path: (string | number)[],
  ordered: boolean,
): void {
  bands.forEach((b, i) => {
    if (b.to !== undefined && b.to <= b.from) issue(ctx, [...path, i, 'to'], 'to must be > from');
  });
  const sorted = bands.map((b, i) => ({ ...b, i })).sort((a, b) => a.from - b.from);
  for (let n = 0; n < sorted.length; n++) {
    const b = sorted[n] as HalfOpenBand & { i: number };
    if (ordered && b.i !== n) {
      issue(ctx, [...path, b.i, 'from'], 'bands must be listed in ascending order of from');
      return;
    }
    const next = sorted[n + 1];
    if (next === undefined) continue;
    if (b.to === undefined) issue(ctx, [...path, b.i, 'to'], 'only the highest band may be open-ended');
    else if (b.to > next.from)
      issue(ctx, [...path, next.i, 'from'], `band overlaps the band [${b.from}, ${b.to})`);
  }
}

function checkKpi(input: z.infer<typeof kpiObjectSchema>, ctx: RefineCtx): void {
  if (input.target === undefined && input.direction !== 'target_band') {
    issue(ctx, ['target'], 'Required (only a target_band KPI may leave it out)');
    return;
  }
  // Only the band matters for target_band; its missing target is filled in after these checks.
  const kpi = { ...input, target: input.target ?? 0 };
  const { direction, scoring_method: method, params = {}, band } = kpi;
  if (direction === 'higher_is_better' && kpi.target <= 0) {
    issue(ctx, ['target'], 'target must be > 0: raw = (actual - floor) / (target - floor)');
  }
  if (direction === 'lower_is_better' && kpi.target <= 0) {
    issue(
      ctx,
      ['target'],
      params.ceiling === undefined
        ? 'target must be > 0: raw = target / actual (ratio formula)'
        : 'target must be > 0: raw = (ceiling - actual) / (ceiling - target)',
    );
  }
  if (direction === 'target_band') {
    if (band === undefined) issue(ctx, ['band'], 'band {low, high} is required for direction target_band');
    else if (band.low > band.high) issue(ctx, ['band', 'low'], 'low must be <= high');
    else if (band.low === band.high && band.penalty === undefined) {
      issue(
        ctx,
        ['band', 'penalty'],
        'penalty is required when low = high (a point target has no width to divide by)',
      );
    }
  } else if (band !== undefined) {
    issue(ctx, ['band'], 'band is only used with direction target_band');
  }
  if (params.floor !== undefined) {
    if (direction !== 'higher_is_better')
      issue(ctx, ['params', 'floor'], 'floor only applies to higher_is_better');
    else if (params.floor >= kpi.target) issue(ctx, ['params', 'floor'], 'floor must be < target');
  }
  if (params.ceiling !== undefined) {
    if (direction !== 'lower_is_better')
      issue(ctx, ['params', 'ceiling'], 'ceiling only applies to lower_is_better');
    else if (params.ceiling <= kpi.target) issue(ctx, ['params', 'ceiling'], 'ceiling must be > target');
  }
  checkMethodParams(method, params, ctx);
  if (kpi.effort_weight !== undefined) {
    const { min, max } = EFFORT_WEIGHT_RANGE;
    if (kpi.effort_weight < min || kpi.effort_weight > max) {
      issue(ctx, ['effort_weight'], `effort_weight must be between ${min} and ${max}`);
    }
  }
  if ((kpi.target_score === undefined) !== (kpi.minimum_score === undefined)) {
    const missing = kpi.target_score === undefined ? 'target_score' : 'minimum_score';
    issue(ctx, [missing], 'target_score and minimum_score are set together (both drive growth labels)');
  } else if (
    kpi.target_score !== undefined &&
    kpi.minimum_score !== undefined &&
    kpi.minimum_score > kpi.target_score
  ) {
    issue(ctx, ['minimum_score'], 'minimum_score must be <= target_score');
  }
}

function checkMethodParams(
  method: ScoringMethod,
  params: z.infer<typeof paramsSchema>,
  ctx: RefineCtx,
): void {
  if (method === 'capped' && params.cap === undefined) {
    issue(ctx, ['params', 'cap'], 'cap (>= 1) is required for scoring_method capped');
  }
  if (method === 'binary' && params.cap !== undefined)
    issue(ctx, ['params', 'cap'], 'binary scores are 0 or 100; cap does not apply');
  for (const key of ['k', 'm'] as const) {
    if (params[key] !== undefined && method !== 'sigmoid')
      issue(ctx, ['params', key], `${key} only applies to sigmoid`);
  }
  if (method !== 'banded') {
    if (params.bands !== undefined)
      issue(ctx, ['params', 'bands'], 'bands only apply to scoring_method banded');
    return;
  }
  const bands = params.bands ?? [];
  if (bands.length === 0) {
    issue(ctx, ['params', 'bands'], 'banded needs at least one band [from, to) -> score');
    return;
  }
  const max = 100 * (params.cap ?? 1);
  bands.forEach((b, i) => {
    if (b.score < 0 || b.score > max)
      issue(ctx, ['params', 'bands', i, 'score'], `score must be within [0, ${max}]`);
  });
  checkBands(bands, ctx, ['params', 'bands'], true);
}

const kpiObjectSchema = z.object({
  slug: id,
  name: id,
  category: z.enum(KPI_CATEGORIES),
  direction: z.enum(DIRECTIONS),
  // Required unless a band is used (checkKpi); a target_band KPI without one gets the band's middle.
  target: finite.optional(),
  unit: z.string().optional(),
  band: targetBandSchema.optional(),
  scoring_method: z.enum(SCORING_METHODS),
  params: paramsSchema.optional(),
  weight_default: positive,
  effort_weight: finite.optional(),
  target_score: nonNegative.optional(),
  minimum_score: nonNegative.optional(),
  evaluation_frequency: z.enum(EVALUATION_FREQUENCIES),
  role_groups: z.array(z.string()).optional(),
  coaching_tips: z.array(z.string()).optional(),
  guardrail_group: z.string().optional(),
  automation_status: z.enum(AUTOMATION_STATUSES).optional(),
});

export const kpiSchema = z.preprocess(
  dropNulls,
  kpiObjectSchema
    .superRefine(checkKpi)
    .transform((k) =>
      k.target === undefined && k.band ? { ...k, target: (k.band.low + k.band.high) / 2 } : k,
    ),
) as unknown as z.ZodType<KpiDefinition>;

const ratingSchemeSchema = z
  .object({
    name: z.string().optional(),
    bands: z.array(z.object({ from: finite, to: finite.optional(), label: id })).min(1, 'at least one band'),
  })
  .superRefine((s, ctx) => checkBands(s.bands, ctx, ['bands'], false));

export const guardrailSchema = z
  .object({
    primary_kpi_ids: z.array(id).min(1, 'at least one primary KPI'),
    guardrail_kpi_ids: z.array(id).min(1, 'at least one guardrail KPI'),
    min_score: nonNegative,
    cap_to: nonNegative.optional(),
  })
  .superRefine((g, ctx) => {
    g.guardrail_kpi_ids.forEach((k, i) => {
      if (g.primary_kpi_ids.includes(k)) issue(ctx, ['guardrail_kpi_ids', i], 'a KPI cannot guard itself');
    });
  });

export const bonusPolicySchema = z
  .object({
    name: z.string().optional(),
    bands: z
      .array(z.object({ from: finite, to: finite.optional(), factor: nonNegative }))
      .min(1, 'at least one band'),
    gates: z
      .object({
        overall_min: finite.optional(),
        kpi_min: finite.optional(),
        kra_min: finite.optional(),
        rating_in: z.array(id).min(1, 'at least one rating').optional(),
        guardrail_ok: z.boolean().optional(),
        no_active_pip: z.boolean().optional(),
        min_tenure_days: z.number().int('must be a whole number of days').min(0, 'must be >= 0').optional(),
      })
      .optional(),
  })
  .superRefine((p, ctx) => checkBands(p.bands, ctx, ['bands'], false));

const periods = z.number().int('must be a whole number of periods').min(1, 'must be >= 1');
export const triggerRuleSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('training'),
    id,
    scope: z.union([
      z.object({ kpi_slug: id }).strict(),
      z.object({ category: z.enum(KPI_CATEGORIES) }).strict(),
    ]),
    condition: z.discriminatedUnion('type', [
      z.object({ type: z.literal('below'), threshold: finite }),
      z.object({ type: z.literal('growing') }),
    ]),
    periods,
  }),
  z.object({ kind: z.literal('pip'), id, overall_below: finite, periods }),
]);

/** Shared by the scorecard preview and template validation. */
export const ratingScheme = ratingSchemeSchema as unknown as z.ZodType<RatingScheme>;

function run<T>(schema: z.ZodType<T>, input: unknown, prefix = ''): Validation<T> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, code: 'invalid', errors: zodIssues(parsed.error, prefix) };
}

export function zodIssues(error: z.ZodError, prefix = ''): ValidationIssue[] {
  return error.issues.map((i) => ({ path: formatPath(i.path, prefix), message: i.message }));
}

/**
 * Validates a KPI body (the registry calls this on every save). The value holds the fields
 * scoring uses; unknown keys are dropped and null means "not set".
 */
export function validateKpi(input: unknown): Validation<KpiDefinition> {
  return run(kpiSchema, input);
}

export function validateRatingScheme(input: unknown): Validation<RatingScheme> {
  return run(ratingScheme, input);
}

export function validateGuardrail(input: unknown): Validation<GuardrailRule> {
  return run(guardrailSchema as unknown as z.ZodType<GuardrailRule>, input);
}

export function validateBonusPolicy(input: unknown): Validation<BonusPolicy> {
  return run(bonusPolicySchema as unknown as z.ZodType<BonusPolicy>, input);
}

export function validateTriggerRule(input: unknown): Validation<TriggerRule> {
  return run(triggerRuleSchema as unknown as z.ZodType<TriggerRule>, input);
}

/** The registry's template body. */
export interface TemplateInput {
  name: string;
  scope: { role?: string; role_group?: string; department_id?: string };
  effective_from: string;
  effective_to?: string;
  kras: {
    kra_id: string;
    weight: number;
    kpis: {
      kpi_id: string;
      weight?: number;
      target_override?: number;
      scoring_method_override?: ScoringMethod;
      is_required?: boolean;
    }[];
  }[];
  guardrails?: GuardrailRule[];
  rating_scheme_id?: string;
}

export const templateSchema = z.object({
  name: id,
  scope: z.object({ role: id.optional(), role_group: id.optional(), department_id: id.optional() }),
  effective_from: id,
  effective_to: id.optional(),
  kras: z
    .array(
      z.object({
        kra_id: id,
        weight: positive,
        kpis: z
          .array(
            z.object({
              kpi_id: id,
              weight: positive.optional(),
              target_override: finite.optional(),
              scoring_method_override: z.enum(SCORING_METHODS).optional(),
              is_required: z.boolean().optional(),
            }),
          )
          .min(1, 'a KRA needs at least one KPI'),
      }),
    )
    .min(1, 'a template needs at least one KRA'),
  guardrails: z.array(guardrailSchema).optional(),
  rating_scheme_id: id.optional(),
});

/** A KPI definition with a template item's target and method overrides applied. */
export function effectiveKpi(
  kpi: KpiDefinition,
  item: { target_override?: number | undefined; scoring_method_override?: ScoringMethod | undefined },
): KpiDefinition {
  if (item.target_override === undefined && item.scoring_method_override === undefined) return kpi;
  return {
    ...kpi,
    target: item.target_override ?? kpi.target,
    scoring_method: item.scoring_method_override ?? kpi.scoring_method,
  };
}

/**
 * Validates a template body: weights, KRA weights summing to 100 ± 0.01 (rescaled instead when
 * `normalize`), every KPI known and still valid after the item's overrides, guardrails naming
 * KPIs of this template. `kpis` looks a KPI definition up by id.
 */
export function validateTemplate(
  input: unknown,
  options: { kpis: (kpiId: string) => KpiDefinition | undefined; normalize?: boolean },
): Validation<TemplateInput> {
  const parsed = run(templateSchema as unknown as z.ZodType<TemplateInput>, dropNulls(input));
  if (!parsed.ok) return parsed;
  const template = parsed.value;
  const errors: ValidationIssue[] = [];
  const ids = new Set<string>();
  template.kras.forEach((kra, j) =>
    kra.kpis.forEach((item, i) => {
      const path = `kras[${j}].kpis[${i}]`;
      if (ids.has(item.kpi_id))
        errors.push({ path: `${path}.kpi_id`, message: 'KPI appears twice in the template' });
      ids.add(item.kpi_id);
      const kpi = options.kpis(item.kpi_id);
      if (kpi === undefined) {
        errors.push({ path: `${path}.kpi_id`, message: `unknown KPI ${item.kpi_id}` });
        return;
      }
      const checked = validateKpi(effectiveKpi(kpi, item));
      if (!checked.ok) {
        for (const e of checked.errors) {
          const field =
            e.path === 'target'
              ? 'target_override'
              : e.path === 'scoring_method'
                ? 'scoring_method_override'
                : `kpi.${e.path}`;
          errors.push({ path: `${path}.${field}`, message: e.message });
        }
      }
    }),
  );
  (template.guardrails ?? []).forEach((g, n) => {
    for (const key of ['primary_kpi_ids', 'guardrail_kpi_ids'] as const) {
      g[key].forEach((k, i) => {
        if (!ids.has(k))
          errors.push({ path: `guardrails[${n}].${key}[${i}]`, message: `KPI ${k} is not in this template` });
      });
    }
  });
  const weights = checkKraWeights(
    template.kras.map((k) => k.weight),
    options.normalize ?? false,
  );
  if (!weights.ok) errors.push({ path: 'kras', message: weights.message });
  if (errors.length > 0) return { ok: false, code: 'invalid', errors };
  if (!weights.ok || !weights.normalized) return { ok: true, value: template };
  return {
    ok: true,
    value: {
      ...template,
      kras: template.kras.map((k, j) => ({ ...k, weight: weights.weights[j] ?? k.weight })),
    },
  };
}
