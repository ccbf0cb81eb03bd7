import type { ScorecardResult } from './scorecard';
import type { GrowthLabel, KpiCategory } from './types';

/** Which KPIs a training rule watches: one KPI by slug, or every KPI of a category. */
export type TrainingScope = { kpi_slug: string } | { category: KpiCategory };

export type TrainingCondition = { type: 'below'; threshold: number } | { type: 'growing' };

export interface TrainingRule {
  kind: 'training';
  id: string;
  scope: TrainingScope;
  condition: TrainingCondition;
  /** Consecutive periods the condition must hold. */
  periods: number;
}

export interface PipRule {
  kind: 'pip';
  id: string;
  overall_below: number;
  periods: number;
}

export type TriggerRule = TrainingRule | PipRule;

export interface PeriodKpiOutcome {
  slug: string;
  category: KpiCategory;
  score: number | null;
  label: GrowthLabel | null;
  coaching_tips?: string[];
}

/** One finalized period of one person. */
export interface PeriodOutcome {
  period_id: string;
  total_score: number | null;
  kpis: PeriodKpiOutcome[];
}

export type Recommendation =
  | {
      kind: 'training';
      rule_id: string;
      kpi_slug: string;
      category: KpiCategory;
      periods: string[];
      coaching_tips: string[];
      reason: string;
    }
  | { kind: 'pip'; rule_id: string; periods: string[]; reason: string };

/**
 * Evaluates trigger rules over a person's history, oldest period first, one entry per consecutive
 * period. A rule fires when its condition held in each of the latest N periods; a period without
 * a score (no data) breaks the run, because nothing was observed.
 */
export function evaluateTriggers(
  rules: readonly TriggerRule[],
  history: readonly PeriodOutcome[],
): Recommendation[] {
  const out: Recommendation[] = [];
  for (const rule of rules) {
    if (history.length < rule.periods) continue;
    const window = history.slice(history.length - rule.periods);
    const periods = window.map((p) => p.period_id);
    if (rule.kind === 'pip') {
      if (window.every((p) => p.total_score !== null && p.total_score < rule.overall_below)) {
        out.push({
          kind: 'pip',
          rule_id: rule.id,
          periods,
          reason: `overall score under ${rule.overall_below} for ${rule.periods} consecutive periods`,
        });
      }
      continue;
    }
    const latest = window[window.length - 1] as PeriodOutcome;
    for (const kpi of latest.kpis.filter((k) => inScope(rule.scope, k))) {
      const held = window.every((p) => {
        const match = p.kpis.find((k) => k.slug === kpi.slug);
        return match !== undefined && meets(rule.condition, match);
      });
      if (!held) continue;
      out.push({
        kind: 'training',
        rule_id: rule.id,
        kpi_slug: kpi.slug,
        category: kpi.category,
        periods,
        coaching_tips: kpi.coaching_tips ?? [],
        reason:
          rule.condition.type === 'growing'
            ? `labelled growing for ${rule.periods} consecutive periods`
            : `score under ${rule.condition.threshold} for ${rule.periods} consecutive periods`,
      });
    }
  }
  return out;
}

function inScope(scope: TrainingScope, kpi: PeriodKpiOutcome): boolean {
  return 'kpi_slug' in scope ? kpi.slug === scope.kpi_slug : kpi.category === scope.category;
}

function meets(condition: TrainingCondition, kpi: PeriodKpiOutcome): boolean {
  return condition.type === 'growing'
    ? kpi.label === 'growing'
    : kpi.score !== null && kpi.score < condition.threshold;
}

/** A scored period as trigger history; `coachingTips` looks up a KPI's tips by slug. */
export function periodOutcome(
  period_id: string,
  result: ScorecardResult,
  coachingTips: (slug: string) => string[] | undefined = () => undefined,
): PeriodOutcome {
  return {
    period_id,
    total_score: result.total_score,
    kpis: result.kras.flatMap((kra) =>
      kra.kpis.map((k) => {
        const tips = coachingTips(k.slug);
        const base = { slug: k.slug, category: k.explanation.category, score: k.score, label: k.label };
        return tips === undefined ? base : { ...base, coaching_tips: tips };
      }),
    ),
  };
}
