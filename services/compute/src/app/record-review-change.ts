import type { EntityManager } from 'typeorm';
import type { ConsumedMessage } from '@scorecard/kafka';
import { storeManualInput } from '../adapters/postgres/manual-inputs-store';

/**
 * What compute takes from review: manual KPI scores (journal score_recorded and approved
 * score_adjustment) and effort ratings, carried as `OVERRIDE_ADDED` changes whose
 * `override.entity_type` is `manual_score` or `effort_rating`, `entity_id` the KPI id and
 * `new_score` the score (0–100) or rating (1–5). Reviewer overrides of computed scores (`kpi`,
 * `kra`, `overall`) belong to review and are not applied here.
 */
const KINDS = new Set(['manual_score', 'effort_rating']);

export async function recordReviewChange(
  msg: ConsumedMessage<'scorecard.review.changed.v1'>,
  em: EntityManager,
): Promise<void> {
  const r = msg.value;
  const o = r.override;
  if (!o || !KINDS.has(o.entityType) || !o.entityId || !r.periodId || !r.employeeId) return;
  if (o.entityType === 'effort_rating' && !(o.newScore >= 1 && o.newScore <= 5))
    throw new Error(`effort rating ${o.newScore} is outside 1–5`);
  const stored = await storeManualInput(em, {
    tenantId: r.tenantId,
    periodId: r.periodId,
    employeeId: r.employeeId,
    kind: o.entityType as 'manual_score' | 'effort_rating',
    kpiId: o.entityId,
    value: o.newScore,
    reason: o.reason || null,
    recordedAt: r.changedAt || new Date(0).toISOString(),
  });
  if (stored)
    await em.query(
      `INSERT INTO dirty_scores (tenant_id, period_id, employee_id)
       SELECT tenant_id, id, $3 FROM periods WHERE tenant_id = $1 AND id = $2 AND status = 'open' ON CONFLICT DO NOTHING`,
      [r.tenantId, r.periodId, r.employeeId],
    );
}
