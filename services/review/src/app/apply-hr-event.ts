import type { EntityManager } from 'typeorm';
import { sourceEventData } from '@scorecard/contracts';
import type { ConsumedMessage } from '@scorecard/kafka';
import {
  planContract,
  planExit,
  planRoleChange,
  type LibraryKpi,
  type TemplateKpi,
} from '../domain/lifecycle';
import { findPerson, moveInClosure, upsertPerson, type PersonRow } from '../adapters/postgres/people-store';
import { registryEntities } from '../adapters/postgres/registry-store';
import { staffKpis } from '../adapters/postgres/staff-kpi-store';
import { applyLifecyclePlan } from './staff-kpi-lifecycle';

const SYSTEM_ACTOR = 'system:hr';
type Data = Record<string, string | number | boolean>;

/**
 * One HR source event: keeps people and the reporting line current and drives the staff KPI
 * lifecycle — a contract assigns its template's KPIs (a renewal adds only what is new), a role
 * change swaps role-group KPIs, an exit deactivates everything.
 */
export async function applyHrEvent(
  msg: ConsumedMessage<'scorecard.source.hr.v1'>,
  em: EntityManager,
  now: () => Date = () => new Date(),
): Promise<void> {
  const env = msg.value;
  const { op, data } = sourceEventData(env);
  if (op === 'delete') return; // HR history is kept: a deleted ERP row does not erase a person.
  const version = BigInt(env.version || '0');
  const at = now();
  switch (env.entity) {
    case 'employee':
      return applyEmployee(em, env.tenantId, env.id, data, version, at);
    case 'contract':
      return applyContract(em, env.tenantId, env.id, data, version, at);
    case 'role_change':
      return applyRoleChange(em, env.tenantId, data, at);
    default:
      return; // org units carry no lifecycle rule for review
  }
}

const str = (d: Data, k: string): string | null => (typeof d[k] === 'string' && d[k] !== '' ? d[k] : null);

async function applyEmployee(
  em: EntityManager,
  tenantId: string,
  id: string,
  d: Data,
  version: bigint,
  at: Date,
) {
  const person: Partial<PersonRow> & { employee_id: string } = {
    employee_id: id,
    name: str(d, 'name'),
    email: str(d, 'email'),
    department_id: str(d, 'department_id'),
    role: str(d, 'role'),
    role_group: str(d, 'role_group'),
    team_id: str(d, 'team_id'),
    manager_id: str(d, 'manager_id'),
    hired_at: dateOf(str(d, 'hired_at')),
    exited_at: dateOf(str(d, 'exited_at')),
    status: str(d, 'status'),
  };
  const { applied, before } = await upsertPerson(em, tenantId, person, version);
  if (!applied) return;
  if (before === null || before.manager_id !== person.manager_id)
    await moveInClosure(em, tenantId, id, person.manager_id ?? null);

  const exited = person.status === 'exited' || person.exited_at !== null;
  const wasExited = before !== null && (before.status === 'exited' || before.exited_at !== null);
  const assignments = await staffKpis(em, tenantId, id, { forUpdate: true });
  const ctx = { tenantId, staffId: id, actor: SYSTEM_ACTOR, now: at };
  if (exited && !wasExited) {
    await applyLifecyclePlan(em, planExit(assignments), { ...ctx, reason: 'Employee exited' });
    return;
  }
  // A role-group change reported on the employee itself (not as a role_change event) counts too.
  if (!exited && before !== null && before.role_group !== person.role_group) {
    const plan = planRoleChange(
      assignments,
      await library(em, tenantId),
      before.role_group,
      person.role_group ?? null,
    );
    await applyLifecyclePlan(em, plan, {
      ...ctx,
      reason: `Role group changed to ${person.role_group ?? 'none'}`,
    });
  }
}

async function applyContract(
  em: EntityManager,
  tenantId: string,
  id: string,
  d: Data,
  version: bigint,
  at: Date,
) {
  const employeeId = str(d, 'employee_id');
  if (employeeId === null) return;
  const rows = await em.query<{ version: string }[]>(
    `INSERT INTO contracts (tenant_id, contract_id, employee_id, contract_template_id, kind, status, starts_at, ends_at, version)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     ON CONFLICT (tenant_id, contract_id) DO UPDATE SET employee_id = EXCLUDED.employee_id,
       contract_template_id = EXCLUDED.contract_template_id, kind = EXCLUDED.kind, status = EXCLUDED.status,
       starts_at = EXCLUDED.starts_at, ends_at = EXCLUDED.ends_at, version = EXCLUDED.version
     WHERE contracts.version <= EXCLUDED.version
     RETURNING version::text`,
    [
      tenantId,
      id,
      employeeId,
      str(d, 'contract_template_id'),
      str(d, 'kind'),
      str(d, 'status'),
      dateOf(str(d, 'starts_at')),
      dateOf(str(d, 'ends_at')),
      version.toString(),
    ],
  );
  const status = str(d, 'status');
  const templateId = str(d, 'contract_template_id');
  if (rows.length === 0 || templateId === null || (status !== null && status !== 'active')) return;
  const template = await templateKpis(em, tenantId, templateId);
  const plan = planContract(await staffKpis(em, tenantId, employeeId, { forUpdate: true }), template);
  const kind = str(d, 'kind') === 'renewal' ? 'renewed' : 'created';
  await applyLifecyclePlan(em, plan, {
    tenantId,
    staffId: employeeId,
    actor: SYSTEM_ACTOR,
    reason: `Contract ${id} ${kind}`,
    contractId: id,
    now: at,
  });
}

async function applyRoleChange(em: EntityManager, tenantId: string, d: Data, at: Date) {
  const employeeId = str(d, 'employee_id');
  if (employeeId === null) return;
  const to = str(d, 'to_role_group');
  const from = str(d, 'from_role_group') ?? (await findPerson(em, tenantId, employeeId))?.role_group ?? null;
  if (to !== null)
    await em.query(
      `UPDATE people SET role_group = $3, role = COALESCE($4, role) WHERE tenant_id = $1 AND employee_id = $2`,
      [tenantId, employeeId, to, str(d, 'to_role')],
    );
  const plan = planRoleChange(
    await staffKpis(em, tenantId, employeeId, { forUpdate: true }),
    await library(em, tenantId),
    from,
    to,
  );
  await applyLifecyclePlan(em, plan, {
    tenantId,
    staffId: employeeId,
    actor: SYSTEM_ACTOR,
    reason: `Role changed from ${from ?? 'none'} to ${to ?? 'none'}`,
    now: at,
  });
}

/** The KPI library as the lifecycle needs it. */
export async function library(em: EntityManager, tenantId: string): Promise<LibraryKpi[]> {
  return (await registryEntities(em, tenantId, 'kpi')).map((k) => ({
    kpi_id: k.entity_id,
    role_groups: Array.isArray(k.state['role_groups']) ? (k.state['role_groups'] as string[]) : [],
    is_default_for_role: k.state['is_default_for_role'] === true,
    active: k.active,
  }));
}

/** A contract template's KPIs: the registry's `contract_template_kpis` state is the bare list. */
export async function templateKpis(
  em: EntityManager,
  tenantId: string,
  templateId: string,
): Promise<TemplateKpi[]> {
  const [template] = await registryEntities(em, tenantId, 'contract_template_kpis', { ids: [templateId] });
  const list: unknown = template?.state;
  if (!Array.isArray(list)) return [];
  return list
    .filter(
      (k): k is Record<string, unknown> =>
        typeof k === 'object' &&
        k !== null &&
        typeof (k as { kpi_module_id?: unknown }).kpi_module_id === 'string',
    )
    .map((k) => ({
      kpi_module_id: k['kpi_module_id'] as string,
      weight: typeof k['weight'] === 'number' ? k['weight'] : null,
      is_required: k['is_required'] === true,
      custom_target: typeof k['custom_target'] === 'number' ? k['custom_target'] : null,
    }));
}

function dateOf(s: string | null): Date | null {
  if (s === null) return null;
  const d = new Date(s);
  return Number.isNaN(d.getTime()) ? null : d;
}
