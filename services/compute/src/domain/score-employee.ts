import {
  scoreScorecard,
  type OverallExplanation,
  type ScorecardInput,
  type ScorecardResult,
} from '@scorecard/scoring';
import type { AssembledScorecard, KpiOrigin, StaffKpi } from './assemble-scorecard';
import type { KpiActual } from './kpi-actuals';
import type { RatingSchemeConfig, TemplateVersion } from './registry-config';

/** How a scorecard is scored besides its KPIs: the template's guardrails and rating scheme. */
export interface ScoringConfig {
  template: TemplateVersion | null;
  ratingScheme: RatingSchemeConfig | null;
  /** KPIs measured by a binding; the others are measured through the journal. */
  boundKpis: ReadonlySet<string>;
}

/** A journal entry that measured a KPI (score_recorded / approved score_adjustment). */
export interface JournalMeasure {
  value: number;
  reason: string | null;
}

/** Per-person inputs besides config: binding actuals and review-fed journal values / effort ratings. */
export interface PersonInputs {
  actuals: ReadonlyMap<string, KpiActual>;
  journalValues: ReadonlyMap<string, JournalMeasure>;
  effortRatings: ReadonlyMap<string, number>;
}

/** What the person is, for the unscored reason. */
export interface PersonStatus {
  status: string | null;
}

export type UnscoredReason = 'no_kpis_assigned' | 'no_data' | 'on_leave';

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
  /** Null when no template resolved: the scorecard is the person's staff KPIs alone. */
  template: { id: string; version: number } | null;
  /** Set when nothing on the scorecard could be scored (no total): why. */
  unscored_reason: UnscoredReason | null;
  /** The staff KPI set the scorecard was assembled with. */
  staff_kpis: StaffKpi[];
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

/** Where a KPI's actual came from (the explanation's `origin.actual`). */
type ActualOrigin = { source: 'binding' } | { source: 'journal'; entry: string | null } | { source: 'none' };

/**
 * Scores an assembled scorecard through @scorecard/scoring (the only place a score is decided).
 * A bound KPI's actual comes from its binding; any other KPI is measured through the journal —
 * the approved entry's value is its actual for the period — so raw, method, guardrails, the effort
 * blend, the floor rule and growth labels apply to it as to every KPI. Each KPI's explanation
 * gains `origin`: where the KPI, its target, weight and actual came from.
 */
export function scoreEmployee(
  card: AssembledScorecard,
  config: ScoringConfig,
  inputs: PersonInputs,
  person: PersonStatus,
): PersonScore {
  const evidence = new Map<string, KpiActual>();
  const origins = new Map<string, KpiOrigin & { actual: ActualOrigin }>();
  const input: ScorecardInput = {
    kras: card.kras.map((kra) => ({
      kra_id: kra.kra_id,
      weight: kra.weight,
      kpis: kra.kpis.map((k) => {
        const bound = config.boundKpis.has(k.kpi_id);
        const journal = bound ? undefined : inputs.journalValues.get(k.kpi_id);
        const measured: KpiActual = bound
          ? (inputs.actuals.get(k.kpi_id) ?? NO_DATA)
          : journal
            ? { actual: journal.value, evidenceIds: [], evidenceCount: 0 }
            : NO_DATA;
        evidence.set(k.kpi_id, measured);
        origins.set(k.kpi_id, {
          ...k.origin,
          actual: bound
            ? { source: 'binding' }
            : journal
              ? { source: 'journal', entry: journal.reason }
              : { source: 'none' },
        });
        return {
          id: k.kpi_id,
          kpi: k.kpi,
          actual: measured.actual,
          weight: k.weight,
          kra_weight: k.kra_weight,
          effort_rating: inputs.effortRatings.get(k.kpi_id) ?? null,
        };
      }),
    })),
    ...(config.template?.guardrails?.length ? { guardrails: config.template.guardrails } : {}),
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
    const assembled = card.kras[j];
    kras.push({
      kra_id: kra.kra_id,
      position: j,
      name: assembled?.name ?? null,
      score: kra.score,
      weight: kra.weight,
      explanation: { ...kra.explanation, origin: assembled?.origin ?? 'template' },
    });
    const items = input.kras[j]?.kpis ?? [];
    kra.kpis.forEach((k, i) => {
      const measured = evidence.get(k.id) ?? NO_DATA;
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
        override: null,
        evidence_ids: measured.evidenceIds,
        evidence_count: measured.evidenceCount,
        evidence_digest: measured.evidenceDigest ?? null,
        evidence_ref: measured.evidenceRef ?? null,
        explanation: { ...k.explanation, origin: origins.get(k.id) ?? null },
      });
    });
  });
  return {
    template: card.template,
    unscored_reason: unscoredReason(card, result, person),
    staff_kpis: card.staffKpis,
    total_score: result.total_score,
    computed_total: result.computed_total,
    rating_band: result.rating_band,
    explanation: result.explanation,
    kras,
    kpis,
    inputs: [
      card.template,
      card.staffKpis,
      [...origins],
      input,
      person.status,
      kpis.map((k) => [k.kpi_id, k.evidence_count, k.evidence_digest ?? k.evidence_ids]),
    ],
  };
}

/**
 * Why a scorecard has no total, or null when it has one: the person is on leave, has no KPIs at
 * all (no template, no staff KPIs), or none of their KPIs had data in the period.
 */
export function unscoredReason(
  card: AssembledScorecard,
  result: Pick<ScorecardResult, 'total_score'>,
  person: PersonStatus,
): UnscoredReason | null {
  if (result.total_score !== null) return null;
  if (person.status === 'on_leave') return 'on_leave';
  return card.kras.every((k) => k.kpis.length === 0) ? 'no_kpis_assigned' : 'no_data';
}
