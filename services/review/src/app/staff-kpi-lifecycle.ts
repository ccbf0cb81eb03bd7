import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { EVALUATION_FREQUENCIES, type EvaluationFrequency } from '@scorecard/scoring';
import type { LifecyclePlan } from '../domain/lifecycle';
import { nextEvaluationDue } from '../domain/evaluation-schedule';
import { appendAudit } from '../adapters/postgres/audit-store';
import { insertEntry } from '../adapters/postgres/journal-store';
import { registryEntities } from '../adapters/postgres/registry-store';
import { assignKpi, deactivateKpi } from '../adapters/postgres/staff-kpi-store';
import { publishStaffKpiChanged } from './publish';

export interface PlanContext {
  tenantId: string;
  staffId: string;
  actor: string;
  /** Why, in words: shown in the journal entries and the audit log. */
  reason: string;
  contractId?: string | null;
  now: Date;
}

/**
 * Carries out a lifecycle plan: each assignment and deactivation is written with its kpi_assigned /
 * kpi_deactivated journal entry (visible to the staff member: the process is transparent) and an
 * audit row, and published (STAFF_KPI_CHANGED) for compute to score. Returns the staff KPI ids
 * touched.
 */
export async function applyLifecyclePlan(
  em: EntityManager,
  plan: LifecyclePlan,
  ctx: PlanContext,
): Promise<string[]> {
  const touched: string[] = [];
  const ids = [...plan.assign.map((a) => a.kpi_id), ...plan.deactivate];
  const kpis = ids.length === 0 ? [] : await registryEntities(em, ctx.tenantId, 'kpi', { ids });
  const kpiName = (id: string) =>
    (kpis.find((k) => k.entity_id === id)?.state['name'] as string | undefined) ?? id;
  for (const step of plan.assign) {
    const frequency = frequencyOf(
      kpis.find((k) => k.entity_id === step.kpi_id)?.state['evaluation_frequency'],
    );
    const row = await assignKpi(em, {
      ...step,
      id: randomUUID(),
      tenantId: ctx.tenantId,
      staffId: ctx.staffId,
      contractId: ctx.contractId ?? null,
      nextDue: nextEvaluationDue(frequency, ctx.now),
    });
    touched.push(row.id);
    await publishStaffKpiChanged(em, row.id, ctx.actor, ctx.now);
    await journal(em, ctx, row.id, step.kpi_id, 'kpi_assigned', `${kpiName(step.kpi_id)} assigned`);
    await appendAudit(em, {
      tenantId: ctx.tenantId,
      actor: ctx.actor,
      action: 'staff_kpi.assigned',
      entityType: 'staff_kpi',
      entityId: row.id,
      after: { staff_id: ctx.staffId, kpi_id: step.kpi_id, source: step.source },
      reason: ctx.reason,
    });
  }
  for (const kpiId of plan.deactivate) {
    const row = await deactivateKpi(em, {
      tenantId: ctx.tenantId,
      staffId: ctx.staffId,
      kpiId,
      reason: ctx.reason,
    });
    if (row === null) continue;
    touched.push(row.id);
    await publishStaffKpiChanged(em, row.id, ctx.actor, ctx.now);
    await journal(em, ctx, row.id, kpiId, 'kpi_deactivated', `${kpiName(kpiId)} deactivated`);
    await appendAudit(em, {
      tenantId: ctx.tenantId,
      actor: ctx.actor,
      action: 'staff_kpi.deactivated',
      entityType: 'staff_kpi',
      entityId: row.id,
      before: { status: 'active' },
      after: { status: 'inactive' },
      reason: ctx.reason,
    });
  }
  return touched;
}

async function journal(
  em: EntityManager,
  ctx: PlanContext,
  staffKpiId: string,
  kpiId: string,
  type: 'kpi_assigned' | 'kpi_deactivated',
  title: string,
): Promise<void> {
  await insertEntry(em, {
    id: randomUUID(),
    tenant_id: ctx.tenantId,
    staff_id: ctx.staffId,
    staff_kpi_id: staffKpiId,
    kpi_id: kpiId,
    period_id: null,
    entry_type: type,
    title,
    content: ctx.reason,
    score_impact: null,
    score_before: null,
    score_after: null,
    effort_recognized: false,
    effort_rating: null,
    effort_notes: null,
    visible_to_staff: true,
    pending_approval: false,
    linked_catchup_id: null,
    linked_incident_id: null,
    linked_entry_id: null,
    author_id: ctx.actor,
  });
}

/** A KPI's evaluation frequency from the registry, monthly when unknown. */
export function frequencyOf(value: unknown): EvaluationFrequency {
  return (EVALUATION_FREQUENCIES as readonly unknown[]).includes(value)
    ? (value as EvaluationFrequency)
    : 'monthly';
}
