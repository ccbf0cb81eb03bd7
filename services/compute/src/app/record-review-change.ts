import type { EntityManager } from 'typeorm';
import type { ConsumedMessage } from '@scorecard/kafka';
import { journalInput } from '../domain/journal-input';
import { storeManualInput } from '../adapters/postgres/manual-inputs-store';

const JOURNAL_RECORDED = 6;

/**
 * What compute takes from review: effective Living Journal entries (`change = JOURNAL_RECORDED`)
 * that set a manual KPI's score or an effort rating (domain/journal-input). Everything else on
 * the topic — status changes, reviewer overrides (review's own roll-up), notes — is review's.
 * An entry without `period_id` belongs to every period of the tenant containing its
 * `recorded_at`. A stored input marks the person dirty in those periods while they are open.
 */
export async function recordReviewChange(
  msg: ConsumedMessage<'scorecard.review.changed.v1'>,
  em: EntityManager,
): Promise<void> {
  const r = msg.value;
  const j = r.journal;
  if ((r.change as number) !== JOURNAL_RECORDED || !j || !r.employeeId) return;
  const input = journalInput({
    entryType: j.entryType,
    kpiId: j.kpiId,
    scoreAfter: j.scoreAfter,
    effortRating: j.effortRating,
  });
  if (input.code === 'ignored') return;
  if (input.code === 'invalid') throw new Error(`journal entry ${j.entryId}: ${input.message}`);
  const recordedAt = j.recordedAt || r.changedAt || new Date(0).toISOString();
  const periodId = j.periodId || r.periodId;
  const periodIds = periodId
    ? [periodId]
    : (
        await em.query<{ id: string }[]>(
          `SELECT id FROM periods WHERE tenant_id = $1 AND starts_at <= $2 AND $2 < ends_at`,
          [r.tenantId, recordedAt],
        )
      ).map((p) => p.id);
  for (const id of periodIds) {
    const stored = await storeManualInput(em, {
      tenantId: r.tenantId,
      periodId: id,
      employeeId: r.employeeId,
      kind: input.code,
      kpiId: input.kpiId,
      value: input.value,
      reason: `journal ${j.entryType} ${j.entryId}`,
      recordedAt,
    });
    if (stored)
      await em.query(
        `INSERT INTO dirty_scores (tenant_id, period_id, employee_id)
         SELECT tenant_id, id, $3 FROM periods WHERE tenant_id = $1 AND id = $2 AND status = 'open' ON CONFLICT DO NOTHING`,
        [r.tenantId, id, r.employeeId],
      );
  }
}
