import {
  scoreScorecard,
  type KpiCategory,
  type KpiDefinition,
  type OverrideInput,
  type ScorecardResult,
} from '@scorecard/scoring';
import type { OverrideEntity } from './override-rule';
import type { SnapshotKpi, SnapshotKra } from './scorecard-snapshot';

/** The effective override per target: the latest one a reviewer recorded. */
export interface EffectiveOverride {
  entity_type: OverrideEntity;
  entity_id: string;
  new_score: number;
  reason: string;
}

/**
 * Re-runs the roll-up through @scorecard/scoring with the reviewers' overrides at KPI, KRA and
 * overall level. Each KPI enters as the score compute gave it — a one-band definition whose only
 * band pays exactly that score — so scoring's own override, renormalization, weighting and rating
 * rules decide the effective totals, and nothing here re-implements them.
 */
export function rescore(kras: SnapshotKra[], overrides: readonly EffectiveOverride[]): ScorecardResult {
  const find = (type: OverrideEntity, id: string): OverrideInput | null => {
    const o = overrides.find((x) => x.entity_type === type && x.entity_id === id);
    return o === undefined ? null : { value: o.new_score, reason: o.reason };
  };
  return scoreScorecard({
    kras: kras.map((kra) => ({
      kra_id: kra.kra_id,
      weight: kra.weight,
      override: find('kra', kra.kra_id),
      kpis: kra.kpis.map((kpi) => ({
        id: kpi.kpi_id,
        kpi: passThrough(kpi),
        actual: kpi.status === 'informational' ? null : kpi.score,
        weight: kpi.weight,
        override: find('kpi', kpi.kpi_id),
      })),
    })),
    override: find('overall', ''),
  });
}

function passThrough(kpi: SnapshotKpi): KpiDefinition {
  return {
    slug: kpi.slug,
    name: kpi.name,
    category: kpi.category as KpiCategory,
    direction: kpi.status === 'informational' ? 'informational' : 'higher_is_better',
    target: 1,
    scoring_method: 'banded',
    params: { bands: kpi.score === null ? [] : [{ from: kpi.score, score: kpi.score }], cap: kpi.cap },
    weight_default: kpi.weight,
    evaluation_frequency: 'monthly',
    ...(kpi.target_score === null ? {} : { target_score: kpi.target_score }),
    ...(kpi.minimum_score === null ? {} : { minimum_score: kpi.minimum_score }),
  };
}

/** The latest override per (entity_type, entity_id), from rows oldest first. */
export function effectiveOverrides(rows: readonly EffectiveOverride[]): EffectiveOverride[] {
  const latest = new Map<string, EffectiveOverride>();
  for (const row of rows) latest.set(`${row.entity_type}:${row.entity_id}`, row);
  return [...latest.values()];
}
