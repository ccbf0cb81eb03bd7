import type { TopicMessageInit } from '@scorecard/contracts';
import type { ReviewHarness } from './harness';

export const TENANT = 't-review';
let version = 1;

/** HR: an employee with a manager and role group. */
export async function employee(
  h: ReviewHarness,
  id: string,
  f: { manager?: string; roleGroup?: string; status?: string; exitedAt?: string; hiredAt?: string } = {},
) {
  const value = {
    name: id,
    roleGroup: f.roleGroup ?? 'support',
    hiredAt: f.hiredAt ?? '2020-01-01T00:00:00Z',
    status: f.status ?? 'active',
    ...(f.manager === undefined ? {} : { managerId: f.manager }),
    ...(f.exitedAt === undefined ? {} : { exitedAt: f.exitedAt }),
  };
  await h.publish('scorecard.source.hr.v1', id, hr('employee', id, { case: 'employee', value }), TENANT);
}

export async function contract(
  h: ReviewHarness,
  id: string,
  employeeId: string,
  templateId: string,
  kind: 'new' | 'renewal',
) {
  const value = {
    employeeId,
    contractTemplateId: templateId,
    kind,
    status: 'active',
    startsAt: '2025-01-01T00:00:00Z',
  };
  await h.publish('scorecard.source.hr.v1', id, hr('contract', id, { case: 'contract', value }), TENANT);
}

export async function roleChange(h: ReviewHarness, id: string, employeeId: string, from: string, to: string) {
  const value = { employeeId, fromRoleGroup: from, toRoleGroup: to, effectiveAt: '2025-02-01T00:00:00Z' };
  await h.publish('scorecard.source.hr.v1', id, hr('role_change', id, { case: 'roleChange', value }), TENANT);
}

function hr(entity: string, id: string, data: unknown): TopicMessageInit<'scorecard.source.hr.v1'> {
  return {
    tenantId: TENANT,
    source: 'hr',
    entity,
    id,
    op: 1,
    occurredAt: new Date().toISOString(),
    version: String(version++),
    data,
  } as TopicMessageInit<'scorecard.source.hr.v1'>;
}

/** Registry: one entity's state as the registry's GET returns it. */
export async function registry(h: ReviewHarness, entityType: string, entityId: string, state: unknown) {
  await h.publish(
    'scorecard.registry.changed.v1',
    entityId,
    {
      tenantId: TENANT,
      entityType,
      entityId,
      version: version++,
      change: 1,
      changedBy: 'admin',
      changedAt: new Date().toISOString(),
      stateJson: JSON.stringify(state),
    },
    TENANT,
  );
}

export const kpiState = (slug: string, o: Record<string, unknown> = {}) => ({
  slug,
  name: `KPI ${slug}`,
  category: 'productivity',
  direction: 'higher_is_better',
  target: 10,
  scoring_method: 'linear',
  weight_default: 1,
  target_score: 70,
  minimum_score: 50,
  evaluation_frequency: 'monthly',
  coaching_tips: [`Practise ${slug} with a buddy`],
  role_groups: ['support'],
  is_default_for_role: true,
  ...o,
});

/** Compute: a provisional scorecard for one person and period. */
export async function computed(
  h: ReviewHarness,
  employeeId: string,
  period: { id: string; start: string; end: string },
  kpis: { id: string; slug: string; score: number | null; weight?: number; kra?: string }[],
  total: number,
) {
  const byKra = new Map<string, Record<string, unknown>[]>();
  for (const k of kpis) {
    const list = byKra.get(k.kra ?? 'kra-1') ?? [];
    byKra.set(k.kra ?? 'kra-1', list);
    list.push({
      kpiId: k.id,
      slug: k.slug,
      ...(k.score === null ? {} : { actual: k.score / 10, score: k.score }),
      target: 10,
      weight: k.weight ?? 1,
      status: k.score === null ? 'no_data' : 'scored',
      label: '',
      evidenceCount: 3,
      explanationJson: JSON.stringify({ kind: 'kpi', inputs: { params: null }, steps: [], caps: [] }),
    });
  }
  const merged = [...byKra.entries()].map(([kraId, list]) => ({
    kraId,
    name: kraId,
    weight: 50,
    kpis: list,
  }));
  await h.publish(
    'scorecard.score.computed.v1',
    employeeId,
    {
      tenantId: TENANT,
      employeeId,
      period: { ...period, frequency: 'monthly' },
      template: { id: 'tpl-1', version: 1 },
      status: 1,
      totalScore: total,
      ratingBand: '',
      kras: merged,
      computedAt: new Date().toISOString(),
      runId: `run-${version++}`,
      inputsHash: 'h',
    },
    TENANT,
  );
}

export const who = (subject: string, roles: string[], employeeId?: string) => ({
  subject,
  tenantId: TENANT,
  roles,
  ...(employeeId === undefined ? {} : { employeeId }),
});
