import {
  effectiveKpi,
  scoreScorecard,
  type KpiDefinition,
  type OverallExplanation,
  type ScorecardInput,
  type ScorecardResult,
} from '@scorecard/scoring';
import type { KpiActual } from './kpi-actuals';
import type { KpiConfig, KraConfig, RatingSchemeConfig, TemplateVersion } from './registry-config';

/** The config a scorecard is scored with: one pinned template version and what it refers to. */
export interface ScoringConfig {
  template: TemplateVersion;
  kpis: ReadonlyMap<string, KpiConfig>;
  kras: ReadonlyMap<string, KraConfig>;
  ratingScheme: RatingSchemeConfig | null;
  /** KPIs measured by a binding; the others are manual (scored from the journal). */
  boundKpis: ReadonlySet<string>;
}

/** Per-person inputs besides config: binding actuals and review-fed manual scores / effort ratings. */
export interface PersonInputs {
  actuals: ReadonlyMap<string, KpiActual>;
  manualScores: ReadonlyMap<string, { value: number; reason: string | null }>;
  effortRatings: ReadonlyMap<string, number>;
}

export interface KpiRow {
  kra_id: string;
  kpi_id: string;
  position: number;
  slug: string;
  actual_value: number | null;
  target_value: number;
  raw: number | null;
  score: number | null;
  weight: number;
  weighted_score: number | null;
  status: string;
  label: string | null;
  override: { value: number; reason: string | null } | null;
  evidence_ids: string[];
  evidence_count: number;
  /** md5 of the evidence array (from the evaluation query), hashed instead of the ids when present. */
  evidence_digest: string | null;
  /** The ids are in `evidence_scratch` under this ref (a full run keeps them in Postgres). */
  evidence_ref: string | null;
  explanation: unknown;
}

export interface KraRow {
  kra_id: string;
  position: number;
  name: string | null;
  score: number | null;
  weight: number;
  explanation: unknown;
}

export interface PersonScore {
  template: { id: string; version: number };
  total_score: number | null;
  computed_total: number | null;
  rating_band: string | null;
  explanation: OverallExplanation;
  kras: KraRow[];
  kpis: KpiRow[];
  /** Everything the result depends on, in a canonical order (hashed by the caller). */
  inputs: unknown;
}

const NO_DATA: KpiActual = { actual: null, evidenceIds: [], evidenceCount: 0 };

/**
 * Scores one person's scorecard through @scorecard/scoring (the only place a score is decided):
 * template items → effective KPI (target / method overrides) → actual from its binding, or for a
 * manual KPI the journal's recorded score as the KPI's override → guardrails, effort, roll-up.
 * KPIs the read model does not know (yet) are left out rather than guessed.
 */
export function scoreEmployee(config: ScoringConfig, inputs: PersonInputs): PersonScore {
  const { template } = config;
  const evidence = new Map<string, KpiActual>();
  const input: ScorecardInput = {
    kras: template.kras.map((kra) => {
      const mapping = config.kras.get(kra.kra_id)?.kpis ?? [];
      return {
        kra_id: kra.kra_id,
        weight: kra.weight,
        kpis: kra.kpis.flatMap((item) => {
          const def = config.kpis.get(item.kpi_id);
          if (!def) return [];
          const kpi: KpiDefinition = effectiveKpi(stripConfig(def), item);
          const bound = config.boundKpis.has(item.kpi_id);
          const measured = bound ? (inputs.actuals.get(item.kpi_id) ?? NO_DATA) : NO_DATA;
          evidence.set(item.kpi_id, measured);
          const manual = bound ? undefined : inputs.manualScores.get(item.kpi_id);
          const link = mapping.find((m) => m.kpi_id === item.kpi_id);
          return [
            {
              id: item.kpi_id,
              kpi,
              actual: measured.actual,
              weight: item.weight ?? null,
              kra_weight: link?.weight_override ?? null,
              effort_rating: inputs.effortRatings.get(item.kpi_id) ?? null,
              override: manual
                ? { value: manual.value, reason: manual.reason ?? 'journal: recorded score' }
                : null,
            },
          ];
        }),
      };
    }),
    ...(template.guardrails?.length ? { guardrails: template.guardrails } : {}),
    ...(config.ratingScheme
      ? {
          rating_scheme: {
            ...(config.ratingScheme.name === undefined ? {} : { name: config.ratingScheme.name }),
            bands: config.ratingScheme.bands,
          },
        }
      : {}),
  };
  const result: ScorecardResult = scoreScorecard(input);
  const kras: KraRow[] = [];
  const kpis: KpiRow[] = [];
  result.kras.forEach((kra, j) => {
    kras.push({
      kra_id: kra.kra_id,
      position: j,
      name: config.kras.get(kra.kra_id)?.name ?? null,
      score: kra.score,
      weight: kra.weight,
      explanation: kra.explanation,
    });
    const items = input.kras[j]?.kpis ?? [];
    kra.kpis.forEach((k, i) => {
      const measured = evidence.get(k.id) ?? NO_DATA;
      const override = items[i]?.override ?? null;
      kpis.push({
        kra_id: kra.kra_id,
        kpi_id: k.id,
        position: i,
        slug: k.slug,
        actual_value: k.actual,
        target_value: items[i]?.kpi.target ?? 0,
        raw: k.raw,
        score: k.score,
        weight: k.weight,
        weighted_score: k.weighted_score,
        status: k.status,
        label: k.label,
        override: override ? { value: override.value, reason: override.reason ?? null } : null,
        evidence_ids: measured.evidenceIds,
        evidence_count: measured.evidenceCount,
        evidence_digest: measured.evidenceDigest ?? null,
        evidence_ref: measured.evidenceRef ?? null,
        explanation: k.explanation,
      });
    });
  });
  return {
    template: { id: template.template_id, version: template.version },
    total_score: result.total_score,
    computed_total: result.computed_total,
    rating_band: result.rating_band,
    explanation: result.explanation,
    kras,
    kpis,
    inputs: [
      template.template_id,
      template.version,
      input,
      kpis.map((k) => [k.kpi_id, k.evidence_count, k.evidence_digest ?? k.evidence_ids]),
    ],
  };
}

/** The registry's KPI state carries id/active/etc.; scoring wants the definition only. */
function stripConfig(def: KpiConfig): KpiDefinition {
  const { id: _id, active: _active, ...kpi } = def;
  return kpi;
}
