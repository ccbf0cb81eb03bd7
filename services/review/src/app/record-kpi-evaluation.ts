import type { EntityManager } from 'typeorm';
import { computeTrend } from '@scorecard/scoring';
import { nextEvaluationDue } from '../domain/evaluation-schedule';
import { registryEntities } from '../adapters/postgres/registry-store';
import { saveEvaluation, type StaffKpiRow } from '../adapters/postgres/staff-kpi-store';
import { frequencyOf } from './staff-kpi-lifecycle';

/**
 * Keeps a staff KPI's current/previous score, trend and next due date current. A new period moves
 * the current score to previous; a re-score of the same period only replaces the current one, so
 * recomputes never fake a trend.
 */
export async function recordKpiEvaluation(
  em: EntityManager,
  row: StaffKpiRow,
  e: { tenantId: string; score: number; periodId: string | null; at: Date },
): Promise<void> {
  const samePeriod = e.periodId !== null && row.current_period_id === e.periodId;
  const previous = samePeriod ? row.previous_score : row.current_score;
  const trend = computeTrend(e.score, previous);
  const kpi = await registryEntities(em, e.tenantId, 'kpi', { ids: [row.kpi_id] });
  await saveEvaluation(em, row.id, {
    current_score: e.score,
    previous_score: previous,
    score_trend: previous === null ? null : trend.score_trend,
    trend_percentage: trend.trend_percentage,
    current_period_id: e.periodId,
    last_evaluated_at: e.at,
    next_evaluation_due: nextEvaluationDue(frequencyOf(kpi[0]?.state['evaluation_frequency']), e.at),
  });
}
