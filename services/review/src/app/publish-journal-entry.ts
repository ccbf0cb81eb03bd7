import type { EntityManager } from 'typeorm';
import { ReviewChanged_Change } from '@scorecard/contracts';
import { enqueueEvent } from '@scorecard/kafka';
import { effortScore } from '@scorecard/scoring';
import { SCORING_TYPES } from '../domain/journal-types';
import type { JournalRow } from '../adapters/postgres/journal-store';
import { saveEffort, staffKpis } from '../adapters/postgres/staff-kpi-store';
import { SCHEMA } from './publish';
import { recordKpiEvaluation } from './record-kpi-evaluation';

/**
 * An entry takes effect (written without needing approval, or just approved): the staff KPI's
 * score or effort follows it, and compute hears of scores and effort through review.changed.
 */
export async function entryTakesEffect(
  em: EntityManager,
  tenantId: string,
  e: JournalRow,
  approvedBy: string | null,
  at: Date,
): Promise<void> {
  if (!SCORING_TYPES.includes(e.entry_type)) return;
  const row =
    e.kpi_id === null
      ? undefined
      : (await staffKpis(em, tenantId, e.staff_id, { forUpdate: true })).find((k) => k.kpi_id === e.kpi_id);
  if (
    row !== undefined &&
    e.score_after !== null &&
    (e.entry_type === 'score_recorded' || e.entry_type === 'score_adjustment')
  )
    await recordKpiEvaluation(em, row, { tenantId, score: e.score_after, periodId: e.period_id, at });
  if (row !== undefined && e.effort_rating !== null)
    await saveEffort(em, row.id, effortScore(e.effort_rating));
  await enqueueEvent(em, SCHEMA, {
    topic: 'scorecard.review.changed.v1',
    key: e.staff_id,
    tenantId,
    message: {
      tenantId,
      employeeId: e.staff_id,
      periodId: e.period_id ?? '',
      change: ReviewChanged_Change.JOURNAL_RECORDED,
      actorId: approvedBy ?? e.author_id,
      changedAt: at.toISOString(),
      journal: {
        entryId: e.id,
        entryType: e.entry_type,
        kpiId: e.kpi_id ?? '',
        staffKpiId: e.staff_kpi_id ?? '',
        periodId: e.period_id ?? '',
        ...(e.score_before === null ? {} : { scoreBefore: e.score_before }),
        ...(e.score_after === null ? {} : { scoreAfter: e.score_after }),
        ...(e.score_impact === null ? {} : { scoreImpact: e.score_impact }),
        ...(e.effort_rating === null ? {} : { effortRating: e.effort_rating }),
        effortRecognized: e.effort_recognized,
        authorId: e.author_id,
        approvedBy: approvedBy ?? '',
        recordedAt: new Date(e.created_at).toISOString(),
      },
    },
  });
}
