import type { EntityManager } from 'typeorm';
import { ReviewChanged_Change, type TopicMessage } from '@scorecard/contracts';
import type { ConsumedMessage } from '@scorecard/kafka';
import { traceHeaders } from '@scorecard/telemetry';
import { journalInput } from '../domain/journal-input';
import { storeManualInput } from '../adapters/postgres/manual-inputs-store';
import { storeStaffKpi } from '../adapters/postgres/staff-kpis-store';

type ReviewChanged = TopicMessage<'scorecard.review.changed.v1'>;

/**
 * What compute takes from review: effective Living Journal entries (`JOURNAL_RECORDED`) that
 * measure a manual KPI or give an effort rating (domain/journal-input), and staff KPI assignments
 * (`STAFF_KPI_CHANGED`), which put KPIs on the person's scorecard. Everything else on the topic —
 * status changes, reviewer overrides (review's own roll-up), notes — is review's. An entry without
 * `period_id` belongs to every period of the tenant containing its `recorded_at`. A stored input
 * marks the person dirty in the open periods it can change, so they are rescored within a poll.
 */
export async function recordReviewChange(
  msg: ConsumedMessage<'scorecard.review.changed.v1'>,
  em: EntityManager,
): Promise<void> {
  const r = msg.value;
  if (!r.employeeId) return;
  if (r.change === ReviewChanged_Change.STAFF_KPI_CHANGED) return recordStaffKpi(r, em);
  if (r.change === ReviewChanged_Change.JOURNAL_RECORDED) return recordJournal(r, em);
}

async function recordJournal(r: ReviewChanged, em: EntityManager): Promise<void> {
  const j = r.journal;
  if (!j) return;
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
  const changed: string[] = [];
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
    if (stored) changed.push(id);
  }
  if (changed.length > 0) await markDirty(em, r.tenantId, r.employeeId, changed);
}

async function recordStaffKpi(r: ReviewChanged, em: EntityManager): Promise<void> {
  const s = r.staffKpi;
  if (!s || !s.staffKpiId || !s.kpiId) throw new Error('STAFF_KPI_CHANGED without its staff_kpi');
  const status = s.status === 'inactive' ? 'inactive' : 'active';
  const activeFrom = s.activeFrom || r.changedAt;
  if (!activeFrom || Number.isNaN(Date.parse(activeFrom)))
    throw new Error(`staff KPI ${s.staffKpiId}: active_from "${s.activeFrom}" is not a time`);
  const activeTo = status === 'inactive' ? s.activeTo || r.changedAt || activeFrom : null;
  const stored = await storeStaffKpi(em, {
    tenantId: r.tenantId,
    employeeId: r.employeeId,
    staff_kpi_id: s.staffKpiId,
    kpi_id: s.kpiId,
    source: s.source || 'manual',
    contractId: s.contractId || null,
    contract_template_id: s.contractTemplateId || null,
    custom_target: s.customTarget ?? null,
    weight: s.weight ?? null,
    status,
    active_from: activeFrom,
    active_to: activeTo,
    changedAt: r.changedAt || activeFrom,
  });
  // An assignment (or its end) can change any open period: the person is rescored in all of them.
  if (stored) await markDirty(em, r.tenantId, r.employeeId, null);
}

/** Marks the person dirty in the tenant's open periods (all, or those listed), continuing the trace. */
async function markDirty(
  em: EntityManager,
  tenantId: string,
  employeeId: string,
  periodIds: readonly string[] | null,
): Promise<void> {
  await em.query(
    `INSERT INTO dirty_scores (tenant_id, period_id, employee_id, traceparent)
     SELECT tenant_id, id, $2, $4 FROM periods
      WHERE tenant_id = $1 AND status = 'open' AND ($3::text[] IS NULL OR id = ANY($3::text[]))
     ORDER BY 1, 2, 3 ON CONFLICT DO NOTHING`,
    [tenantId, employeeId, periodIds, traceHeaders()['traceparent'] ?? null],
  );
}
