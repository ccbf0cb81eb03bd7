import {
  describeKpiForEmployee,
  round2,
  type KpiExplanation,
  type ScorecardResult,
} from '@scorecard/scoring';
import type { SnapshotKra } from './scorecard-snapshot';

/** The stored instance fields the views read. */
export interface ScorecardData {
  id: string;
  employee_id: string;
  period_id: string;
  period_start: Date;
  period_end: Date;
  frequency: string;
  template_id: string | null;
  template_version: number | null;
  status: string;
  computed: SnapshotKra[];
  computed_total: number | null;
  result: ScorecardResult;
  total_score: number | null;
  rating_band: string | null;
  computed_at: Date;
  status_changed_by: string | null;
  status_changed_at: Date;
  finalized_by: string | null;
  finalized_at: Date | null;
}

/** Manager/HR view: every number, compute's explanation, what was overridden and why. */
export function reviewerView(s: ScorecardData) {
  return {
    id: s.id,
    employee_id: s.employee_id,
    period: { id: s.period_id, start: s.period_start, end: s.period_end, frequency: s.frequency },
    template: templateOf(s),
    status: s.status,
    // Results stay provisional until the period is finalized.
    result_status: s.status === 'final' ? 'final' : 'provisional',
    total_score: s.total_score,
    computed_total: s.computed_total,
    rating_band: s.rating_band,
    kras: s.computed.map((kra, i) => {
      const eff = s.result.kras[i];
      return {
        kra_id: kra.kra_id,
        name: kra.name,
        weight: kra.weight,
        score: eff?.score ?? null,
        computed_score: eff?.computed_score ?? kra.score,
        override: eff?.explanation.override ?? null,
        kpis: kra.kpis.map((kpi, j) => {
          const k = eff?.kpis[j];
          return {
            kpi_id: kpi.kpi_id,
            slug: kpi.slug,
            name: kpi.name,
            actual_value: kpi.actual,
            target_value: kpi.target,
            raw: kpi.raw,
            computed_score: kpi.score,
            score: k?.score ?? kpi.score,
            weight: kpi.weight,
            weighted_score: k?.weighted_score ?? kpi.weighted_score,
            status: k?.status === 'overridden' ? 'overridden' : kpi.status,
            label: k?.label ?? (kpi.label || null),
            override: k?.explanation.override ?? null,
            max_override: 100 * kpi.cap,
            evidence_count: kpi.evidence_count,
            explanation: kpi.explanation,
          };
        }),
      };
    }),
    overall_override: s.result.explanation.override,
    computed_at: s.computed_at,
    status_changed_by: s.status_changed_by,
    status_changed_at: s.status_changed_at,
    finalized_by: s.finalized_by,
    finalized_at: s.finalized_at,
  };
}

/**
 * Employee view: growth labels and plain-language narratives, scores rounded for reading, evidence
 * counts — never raw ratios, caps, weights, rating bands or override mechanics.
 */
export function employeeView(s: ScorecardData) {
  return {
    // The instance id and its workflow step: what the employee needs to dispute it.
    id: s.id,
    review_status: s.status,
    period: { id: s.period_id, start: s.period_start, end: s.period_end },
    status: s.status === 'final' ? 'final' : 'provisional',
    total_score: s.total_score === null ? null : round2(s.total_score),
    areas: s.computed.map((kra, i) => {
      const eff = s.result.kras[i];
      return {
        kra_id: kra.kra_id,
        name: kra.name,
        score: eff?.score === null || eff?.score === undefined ? null : round2(eff.score),
        kpis: kra.kpis.map((kpi, j) => {
          const k = eff?.kpis[j];
          const score = k?.score ?? kpi.score;
          const label = k?.label ?? (kpi.label === '' ? null : kpi.label);
          return {
            kpi_id: kpi.kpi_id,
            name: kpi.name,
            score: score === null ? null : round2(score),
            label,
            evidence_count: kpi.evidence_count,
            summary: narrative(
              kpi.name,
              kpi.category,
              kpi.status,
              score,
              label,
              kpi.explanation,
              k?.status === 'overridden',
            ),
          };
        }),
      };
    }),
  };
}

/** A dispute as its author sees it: what they raised and how it was resolved. */
export function employeeDispute(d: {
  id: string;
  kind: string;
  reason: string;
  kpi_id: string | null;
  record: unknown;
  status: string;
  resolution: string | null;
  created_at: Date;
  resolved_at: Date | null;
}) {
  return {
    id: d.id,
    kind: d.kind,
    reason: d.reason,
    kpi_id: d.kpi_id,
    record: d.record ?? null,
    status: d.status,
    resolution: d.resolution,
    raised_at: d.created_at,
    resolved_at: d.resolved_at,
  };
}

/** Scoring's employee narrative, fed only the effective score and label (never the mechanics). */
function narrative(
  name: string,
  category: string,
  status: string,
  score: number | null,
  label: string | null,
  explanation: Record<string, unknown> | null,
  overridden: boolean,
): string {
  const known = status === 'informational' || status === 'no_data' ? status : 'scored';
  const e = {
    kind: 'kpi',
    slug: name,
    name,
    category,
    unit: null,
    status: score === null && known === 'scored' ? 'no_data' : known,
    inputs: (explanation?.['inputs'] as KpiExplanation['inputs'] | undefined) ?? {
      actual: null,
      target: 0,
      direction: 'higher_is_better',
      scoring_method: 'linear',
      params: null,
      band: null,
      effort_weight: null,
      effort_rating: null,
    },
    // Only which steps happened (effort, guardrail) reaches the text, as a plain sentence.
    steps: listOf<KpiExplanation['steps'][number]>(explanation?.['steps']),
    caps: listOf<KpiExplanation['caps'][number]>(explanation?.['caps']),
    weight: null,
    override: overridden ? { computed: null, value: score ?? 0, reason: null } : null,
    thresholds: null,
    label,
    score,
  } as KpiExplanation;
  return describeKpiForEmployee(e);
}

const listOf = <T>(value: unknown): T[] => (Array.isArray(value) ? (value as T[]) : []);

/** The pinned template version, or null for a scorecard built from staff KPIs alone. */
export function templateOf(s: Pick<ScorecardData, 'template_id' | 'template_version'>) {
  return s.template_id === null ? null : { id: s.template_id, version: s.template_version };
}
