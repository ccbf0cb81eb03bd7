import type { DataSource } from 'typeorm';
import { inTransaction } from '@scorecard/db';
import { ConflictError, ForbiddenError, NotFoundError } from '@scorecard/errors';
import type { Identity } from '@scorecard/http';
import { actorId } from '../domain/access';
import { planExit } from '../domain/lifecycle';
import { registryEntities } from '../adapters/postgres/registry-store';
import { staffKpis } from '../adapters/postgres/staff-kpi-store';
import { requireAccess } from './scope';
import { applyLifecyclePlan } from './staff-kpi-lifecycle';

// The HR staff-KPI endpoints: the API side of the lifecycle. Managers act on their reports, HR on
// anyone; the same plan executor as the HR events writes the journal and audit entries.

async function requireManaging(ds: DataSource, who: Identity, staffId: string) {
  return inTransaction(ds, async (em) => {
    const relation = await requireAccess(em, who, staffId);
    if (relation === 'self' || (relation === 'tenant_wide' && !who.roles.includes('hr')))
      throw new ForbiddenError('Only HR or the person’s managers manage their KPIs');
  });
}

export async function listStaffKpis(ds: DataSource, who: Identity, staffId: string, all: boolean) {
  return inTransaction(ds, async (em) => {
    await requireAccess(em, who, staffId);
    const rows = await staffKpis(em, who.tenantId, staffId, { activeOnly: !all });
    return { items: rows.map((r) => ({ ...r, kpi_module_id: r.kpi_id })) };
  });
}

export async function assignStaffKpi(
  ds: DataSource,
  who: Identity,
  staffId: string,
  body: {
    kpi_id: string;
    weight?: number | undefined;
    custom_target?: number | undefined;
    is_required?: boolean | undefined;
  },
  now: () => Date = () => new Date(),
) {
  await requireManaging(ds, who, staffId);
  return inTransaction(ds, async (em) => {
    const [kpi] = await registryEntities(em, who.tenantId, 'kpi', { ids: [body.kpi_id] });
    if (kpi === undefined || !kpi.active) throw new NotFoundError(`No active KPI ${body.kpi_id}`);
    const existing = (await staffKpis(em, who.tenantId, staffId, { forUpdate: true })).find(
      (k) => k.kpi_id === body.kpi_id,
    );
    if (existing?.status === 'active') throw new ConflictError('This KPI is already assigned');
    const plan = {
      assign: [
        {
          kpi_id: body.kpi_id,
          source: 'manual' as const,
          role_group: null,
          weight: body.weight ?? null,
          is_required: body.is_required ?? false,
          custom_target: body.custom_target ?? null,
        },
      ],
      deactivate: [],
    };
    await applyLifecyclePlan(em, plan, {
      tenantId: who.tenantId,
      staffId,
      actor: actorId(who),
      reason: 'Assigned manually',
      now: now(),
    });
    const rows = await staffKpis(em, who.tenantId, staffId);
    return rows.find((k) => k.kpi_id === body.kpi_id);
  });
}

export async function setStaffKpiStatus(
  ds: DataSource,
  who: Identity,
  staffId: string,
  kpiId: string,
  body: { status: 'active' | 'inactive'; reason?: string | undefined },
  now: () => Date = () => new Date(),
) {
  await requireManaging(ds, who, staffId);
  return inTransaction(ds, async (em) => {
    const rows = await staffKpis(em, who.tenantId, staffId, { forUpdate: true });
    // The path's kpiId may be the staff KPI's own id or the registry KPI id.
    const row = rows.find((k) => k.id === kpiId || k.kpi_id === kpiId);
    if (row === undefined) throw new NotFoundError('No such KPI assignment');
    if (row.status === body.status) return row;
    if (row.is_required && body.status === 'inactive' && !who.roles.includes('hr'))
      throw new ForbiddenError('A required KPI can only be deactivated by HR');
    const step = {
      kpi_id: row.kpi_id,
      source: row.source,
      role_group: row.role_group,
      weight: row.weight,
      is_required: row.is_required,
      custom_target: row.custom_target,
    };
    const plan =
      body.status === 'active'
        ? { assign: [step], deactivate: [] }
        : { assign: [], deactivate: [row.kpi_id] };
    await applyLifecyclePlan(em, plan, {
      tenantId: who.tenantId,
      staffId,
      actor: actorId(who),
      reason: body.reason ?? `Set ${body.status}`,
      now: now(),
    });
    return (await staffKpis(em, who.tenantId, staffId)).find((k) => k.id === row.id);
  });
}

export async function deactivateStaffKpis(
  ds: DataSource,
  who: Identity,
  staffId: string,
  reason: string | undefined,
  now: () => Date = () => new Date(),
) {
  await requireManaging(ds, who, staffId);
  return inTransaction(ds, async (em) => {
    const plan = planExit(await staffKpis(em, who.tenantId, staffId, { forUpdate: true }));
    const touched = await applyLifecyclePlan(em, plan, {
      tenantId: who.tenantId,
      staffId,
      actor: actorId(who),
      reason: reason ?? 'All KPIs deactivated',
      now: now(),
    });
    return { deactivated: touched.length };
  });
}
