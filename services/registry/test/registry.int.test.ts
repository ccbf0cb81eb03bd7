/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-argument -- JSON bodies of the API under test */
import { API_OPERATIONS, type Method } from '@scorecard/api';
import { waitFor } from '@scorecard/testkit';
import { startRegistry } from './harness';
import { seedLibrary, UNIVERSAL_KPI_SLUGS } from '../src/domain/library';

let reg: Awaited<ReturnType<typeof startRegistry>>;
beforeAll(async () => {
  reg = await startRegistry();
});
afterAll(() => reg?.stop());

const admin = () => reg.as(['admin']);
const problemPaths = (body: { errors?: { path: string }[] }) => (body.errors ?? []).map((e) => e.path);

const kpiBody = (over: Record<string, unknown> = {}) => ({
  slug: `k-${Math.random().toString(36).slice(2, 8)}`,
  name: 'Calls answered',
  category: 'productivity',
  direction: 'higher_is_better',
  target: 100,
  scoring_method: 'linear',
  weight_default: 1,
  evaluation_frequency: 'monthly',
  ...over,
});

describe('roles', () => {
  it('lets admin write, hr/manager/exec read, and forbids employees', async () => {
    expect((await reg.as(['hr']).get('/api/v1/admin/kpis')).status).toBe(200);
    expect((await reg.as(['manager']).get('/api/v1/admin/kras')).status).toBe(200);
    expect((await reg.as(['exec']).get('/api/v1/hr/kpi-modules')).status).toBe(200);
    for (const path of [
      '/api/v1/admin/kpis',
      '/api/v1/admin/templates',
      '/api/v1/hr/kpi-modules',
      '/api/v1/hr/templates/c1/kpis',
    ]) {
      const res = await reg.as(['employee']).get(path);
      expect(res.status).toBe(403);
      expect(res.type).toContain('application/problem+json');
    }
    for (const roles of [['hr'], ['manager'], ['employee']]) {
      const res = await reg.as(roles).post('/api/v1/admin/kpis', kpiBody());
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ status: 403, code: 'forbidden' });
    }
    expect((await reg.as(['manager']).put('/api/v1/hr/templates/c1/kpis', [])).status).toBe(403);
    expect((await reg.as(['hr']).put('/api/v1/hr/templates/c1/kpis', [])).status).toBe(200);
    expect((await fetch(`${reg.base}/api/v1/admin/kpis`)).status).toBe(401);
  });
});

describe('seed library', () => {
  it('is installed per tenant on first use: coaching modules by role group, ISP KPIs with bindings, templates', async () => {
    const modules = await reg.as(['hr']).get('/api/v1/hr/kpi-modules?role_group=registered_nurses');
    expect(modules.status).toBe(200);
    const slugs = modules.body.items.map((k: { slug: string }) => k.slug);
    expect(slugs.slice(0, 5)).toEqual([
      'code-of-conduct-culture',
      'attendance-reliability',
      'whs-safety-compliance',
      'communication-responsiveness',
      'documentation-quality',
    ]);
    expect(slugs.length).toBeGreaterThanOrEqual(9);
    const one = await reg.as(['manager']).get('/api/v1/hr/kpi-modules/documentation-quality');
    expect(one.body).toMatchObject({
      id: 'documentation-quality',
      is_seed: true,
      category: 'compliance',
      effort_weight: 0.2,
      is_default_for_role: true,
      version: 1,
    });
    expect(one.body.role_groups).toHaveLength(15);

    const binding = await admin().get('/api/v1/admin/bindings/tickets-resolved');
    expect(binding.body).toMatchObject({
      kpi_id: 'tickets-resolved',
      source: { domain: 'ticketing', entity: 'ticket' },
      is_seed: true,
    });
    const templates = await admin().get('/api/v1/admin/templates');
    const ids = templates.body.items.map((t: { id: string }) => t.id).sort();
    expect(ids).toEqual(
      seedLibrary()
        .templates.map((t) => t.id)
        .sort(),
    );
    expect(ids).toEqual(
      expect.arrayContaining(['helpdesk-agent', 'field-technician', 'support-workers', 'management']),
    );
    expect(ids).toHaveLength(20);
    const attendance = await admin().get('/api/v1/admin/bindings/attendance-reliability');
    expect(attendance.body).toMatchObject({ source: { domain: 'care', entity: 'shift' }, is_seed: true });
    // A new contract of a helpdesk agent attaches the helpdesk template's KPIs, the universal five last.
    const contract = await reg.as(['hr']).get('/api/v1/hr/templates/ct-helpdesk_agents/kpis');
    expect(contract.status).toBe(200);
    expect(contract.body.map((k: { kpi_module_id: string }) => k.kpi_module_id)).toEqual([
      'tickets-resolved',
      'first-response-time-p90',
      'resolution-time',
      'sla-compliance',
      'reopen-rate',
      'csat',
      ...UNIVERSAL_KPI_SLUGS,
    ]);
    expect((await admin().post('/api/v1/admin/library/install')).body).toEqual({ installed: false });
  });

  it('keeps tenants apart', async () => {
    const created = await admin().post('/api/v1/admin/kpis', kpiBody({ slug: 'acme-only' }));
    expect(created.status).toBe(201);
    const other = reg.as(['admin'], 'globex');
    expect((await other.get(`/api/v1/admin/kpis/${created.body.id}`)).status).toBe(404);
    expect((await other.get('/api/v1/hr/kpi-modules/documentation-quality')).body.is_seed).toBe(true);
    // Same slug in another tenant is fine: uniqueness is per tenant.
    expect((await other.post('/api/v1/admin/kpis', kpiBody({ slug: 'acme-only' }))).status).toBe(201);
  });
});

describe('KPIs', () => {
  it.each([
    ['a missing name', { name: undefined }, 'name'],
    ['an unknown category', { category: 'fun' }, 'category'],
    ['an effort weight out of range', { effort_weight: 0.5 }, 'effort_weight'],
    ['capped without a cap', { scoring_method: 'capped' }, 'params.cap'],
    ['a floor above target', { params: { floor: 200 } }, 'params.floor'],
    ['a non-positive target', { target: 0 }, 'target'],
    ['minimum above target score', { target_score: 60, minimum_score: 80 }, 'minimum_score'],
    ['a bad target type', { target_type: 'ratio' }, 'target_type'],
    ['a non-integer display order', { display_order: 1.5 }, 'display_order'],
  ])('rejects %s with 400 naming %s', async (_n, over, path) => {
    const res = await admin().post('/api/v1/admin/kpis', kpiBody(over));
    expect(res.status).toBe(400);
    expect(res.type).toContain('application/problem+json');
    expect(problemPaths(res.body)).toContain(path);
  });

  it('creates, patches (re-validating the whole), deactivates, and answers 409 on a duplicate slug', async () => {
    const created = await admin().post(
      '/api/v1/admin/kpis',
      kpiBody({ slug: 'calls', coaching_tips: ['Smile'] }),
    );
    expect(created.body).toMatchObject({
      slug: 'calls',
      version: 1,
      active: true,
      is_seed: false,
      role_groups: [],
      coaching_tips: ['Smile'],
    });
    expect((await admin().post('/api/v1/admin/kpis', kpiBody({ slug: 'calls' }))).status).toBe(409);
    const bad = await admin().patch(`/api/v1/admin/kpis/${created.body.id}`, { scoring_method: 'capped' });
    expect(problemPaths(bad.body)).toEqual(['params.cap']);
    const patched = await admin().patch(`/api/v1/admin/kpis/${created.body.id}`, {
      target: 120,
      reason: 'new contract',
    });
    expect(patched.body).toMatchObject({ target: 120, version: 2 });
    const off = await admin().post(`/api/v1/admin/kpis/${created.body.id}/deactivate`, { reason: 'retired' });
    expect(off.body).toMatchObject({ active: false, version: 3 });
    expect((await admin().get(`/api/v1/admin/kpis/${created.body.id}`)).body).toEqual(off.body);

    const audit = await reg.ds.query<
      { actor: string; action: string; before: any; after: any; reason: string | null }[]
    >(
      `SELECT actor, action, before, after, reason FROM registry.audit_log WHERE tenant_id = 'acme' AND entity_id = $1 ORDER BY id`,
      [created.body.id],
    );
    expect(audit.map((a) => [a.actor, a.action, a.reason])).toEqual([
      ['admin-user', 'created', null],
      ['admin-user', 'updated', 'new contract'],
      ['admin-user', 'deactivated', 'retired'],
    ]);
    expect(audit[1]?.before).toMatchObject({ target: 100, version: 1 });
    expect(audit[1]?.after).toMatchObject({ target: 120, version: 2 });
  });

  it('publishes registry.changed with the GET body as state_json, keyed by type and id', async () => {
    const created = await admin().post('/api/v1/admin/kpis', kpiBody({ slug: 'evented' }));
    const msg = await waitFor(() => reg.received.find((m) => m.key === `kpi:${created.body.id}`), {
      timeoutMs: 30_000,
      message: 'the kpi event',
    });
    expect(msg.value).toMatchObject({
      tenantId: 'acme',
      entityType: 'kpi',
      entityId: created.body.id,
      version: 1,
      changedBy: 'admin-user',
    });
    expect(msg.value.change).toBe(1); // CREATED
    expect(JSON.parse(msg.value.stateJson)).toEqual(
      (await admin().get(`/api/v1/admin/kpis/${created.body.id}`)).body,
    );
    expect(msg.headers['tenant-id']).toBe('acme');
    // Seeds are published too, so compute can build its read model from the topic alone.
    await waitFor(() => reg.received.some((m) => m.key === 'template:helpdesk-agent'), { timeoutMs: 30_000 });
    await waitFor(
      () =>
        reg.received.some(
          (m) => m.key === 'template_version:helpdesk-agent:1' && m.value.changedBy === 'system:library',
        ),
      { timeoutMs: 30_000 },
    );
  });
});

describe('KRAs and bindings', () => {
  it('checks the KRA↔KPI map', async () => {
    const unknown = await admin().post('/api/v1/admin/kras', {
      name: 'Ops',
      weight_default: 10,
      kpis: [{ kpi_id: 'nope' }],
    });
    expect(unknown.status).toBe(422);
    expect(problemPaths(unknown.body)).toEqual(['kpis[0].kpi_id']);
    const neg = await admin().post('/api/v1/admin/kras', { name: 'Ops', weight_default: -1 });
    expect(neg.status).toBe(400);
    expect(problemPaths(neg.body)).toEqual(['weight_default']);
    const ok = await admin().post('/api/v1/admin/kras', {
      name: 'Ops',
      weight_default: 10,
      kpis: [{ kpi_id: 'csat', weight_override: 2 }],
    });
    expect(ok.body).toMatchObject({
      name: 'Ops',
      kpis: [{ kpi_id: 'csat', weight_override: 2 }],
      version: 1,
    });
  });

  const binding = (over: Record<string, unknown> = {}) => ({
    kpi_id: 'calls-binding',
    source: { domain: 'ticketing', entity: 'ticket' },
    time_field: 'closed_at',
    aggregation: { fn: 'count' },
    ownership: { rule: 'closed_by' },
    ...over,
  });

  it.each([
    ['an unknown field', { filter: [{ field: 'colour', op: 'eq', value: 'red' }] }, 'filter[0].field'],
    ['gt on a string', { filter: [{ field: 'channel', op: 'gt', value: 'a' }] }, 'filter[0].op'],
    ['an unknown op', { filter: [{ field: 'channel', op: 'like', value: 'a' }] }, 'filter[0].op'],
    [
      'a bad enum value',
      { filter: [{ field: 'status', op: 'in', value: ['closed', 'done'] }] },
      'filter[0].value[1]',
    ],
    ['a non-timestamp time field', { time_field: 'status' }, 'time_field'],
    ['sum of an enum', { aggregation: { fn: 'sum', field: 'priority' } }, 'aggregation.field'],
    ['percentile without p', { aggregation: { fn: 'percentile', field: 'csat' } }, 'aggregation.p'],
    ['a non-person owner', { ownership: { rule: 'custom', field: 'csat' } }, 'ownership.field'],
    ['ratio without formula', { aggregation: { fn: 'ratio' } }, 'formula'],
  ])('rejects %s with 400 naming %s', async (_n, over, path) => {
    const res = await admin().post('/api/v1/admin/bindings', binding(over));
    expect(res.status).toBe(400);
    expect(problemPaths(res.body)).toContain(path);
  });

  it('needs a known KPI and allows one binding per KPI', async () => {
    const unknown = await admin().post('/api/v1/admin/bindings', binding({ kpi_id: 'missing' }));
    expect(unknown.status).toBe(422);
    expect(problemPaths(unknown.body)).toEqual(['kpi_id']);
    await admin().post('/api/v1/admin/kpis', kpiBody({ slug: 'calls-binding' }));
    const kpi = (await admin().get('/api/v1/admin/kpis')).body.items.find(
      (k: { slug: string }) => k.slug === 'calls-binding',
    );
    const created = await admin().post('/api/v1/admin/bindings', binding({ kpi_id: kpi.id }));
    expect(created.status).toBe(201);
    expect((await admin().post('/api/v1/admin/bindings', binding({ kpi_id: kpi.id }))).status).toBe(409);
    const patched = await admin().patch(`/api/v1/admin/bindings/${created.body.id}`, {
      filter: [{ field: 'status', op: 'eq', value: 'closed' }],
    });
    expect(patched.body).toMatchObject({
      version: 2,
      filter: [{ field: 'status', op: 'eq', value: 'closed' }],
    });
  });
});

describe('policies', () => {
  it.each([
    [
      '/api/v1/admin/bonus-policies',
      {
        name: 'B',
        bands: [
          { from: 0, to: 60, factor: 0 },
          { from: 50, factor: 1 },
        ],
      },
      'bands[1].from',
    ],
    ['/api/v1/admin/bonus-policies', { bands: [{ from: 0, factor: 1 }] }, 'name'],
    ['/api/v1/admin/rating-schemes', { name: 'R', bands: [] }, 'bands'],
    ['/api/v1/admin/trigger-rules', { kind: 'pip', overall_below: 50, periods: 0 }, 'periods'],
    [
      '/api/v1/admin/trigger-rules',
      { kind: 'training', scope: { category: 'fun' }, condition: { type: 'growing' }, periods: 2 },
      'scope',
    ],
  ])('%s rejects a bad body naming %s', async (path, body, field) => {
    const res = await admin().post(path, body);
    expect(res.status).toBe(400);
    expect(problemPaths(res.body).some((p) => p.startsWith(field))).toBe(true);
  });

  it('saves a trigger rule whose id is the entity id', async () => {
    const res = await admin().post('/api/v1/admin/trigger-rules', {
      name: 'PIP',
      kind: 'pip',
      overall_below: 40,
      periods: 2,
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ kind: 'pip', name: 'PIP', overall_below: 40 });
    expect(res.body.id).toEqual(expect.any(String));
  });
});

describe('templates', () => {
  const template = (over: Record<string, unknown> = {}) => ({
    name: 'Support agent',
    scope: { role: 'support_agent' },
    effective_from: '2025-01-01',
    kras: [
      { kra_id: 'productivity', weight: 60, kpis: [{ kpi_id: 'tickets-resolved' }] },
      { kra_id: 'customer', weight: 40, kpis: [{ kpi_id: 'csat' }] },
    ],
    ...over,
  });

  it.each([
    [
      'weights not summing to 100',
      { kras: [{ kra_id: 'productivity', weight: 50, kpis: [{ kpi_id: 'csat' }] }] },
      422,
      'kras',
    ],
    [
      'an unknown KRA',
      { kras: [{ kra_id: 'nope', weight: 100, kpis: [{ kpi_id: 'csat' }] }] },
      422,
      'kras[0].kra_id',
    ],
    [
      'an unknown KPI',
      { kras: [{ kra_id: 'quality', weight: 100, kpis: [{ kpi_id: 'nope' }] }] },
      422,
      'kras[0].kpis[0].kpi_id',
    ],
    ['an unknown rating scheme', { rating_scheme_id: 'nope' }, 422, 'rating_scheme_id'],
    ['a bad effective_from', { effective_from: 'soon' }, 400, 'effective_from'],
    ['effective_to before effective_from', { effective_to: '2024-01-01' }, 400, 'effective_to'],
    ['a KRA without KPIs', { kras: [{ kra_id: 'quality', weight: 100, kpis: [] }] }, 400, 'kras[0].kpis'],
    [
      'a target override that breaks the KPI',
      { kras: [{ kra_id: 'quality', weight: 100, kpis: [{ kpi_id: 'csat', target_override: -1 }] }] },
      400,
      'kras[0].kpis[0].target_override',
    ],
    [
      'a guardrail on a KPI outside the template',
      { guardrails: [{ primary_kpi_ids: ['tickets-resolved'], guardrail_kpi_ids: ['mttr'], min_score: 60 }] },
      400,
      'guardrails[0].guardrail_kpi_ids[0]',
    ],
  ])('rejects %s (%i naming %s)', async (_n, over, status, path) => {
    const res = await admin().post('/api/v1/admin/templates', template(over));
    expect(res.status).toBe(status);
    expect(problemPaths(res.body)).toContain(path);
  });

  it('normalizes KRA weights when asked', async () => {
    const kras = [
      { kra_id: 'productivity', weight: 3, kpis: [{ kpi_id: 'tickets-resolved' }] },
      { kra_id: 'customer', weight: 1, kpis: [{ kpi_id: 'csat' }] },
    ];
    const res = await admin().post(
      '/api/v1/admin/templates?normalize=true',
      template({ kras, scope: { role: 'normalized' } }),
    );
    expect(res.status).toBe(201);
    expect(res.body.versions[0].kras.map((k: { weight: number }) => k.weight)).toEqual([75, 25]);
  });

  it('publishes immutable versions, resolves by precedence and activates/deactivates', async () => {
    const created = await admin().post('/api/v1/admin/templates', template());
    expect(created.status).toBe(201);
    const id = created.body.id;
    expect(created.body).toMatchObject({
      latest_version: 1,
      active: true,
      versions: [{ version: 1, effective_from: '2025-01-01T00:00:00.000Z' }],
    });
    const v2 = await admin().post(
      `/api/v1/admin/templates/${id}/versions`,
      template({ name: 'Support agent v2', effective_from: '2025-06-01' }),
    );
    expect(v2.body).toMatchObject({ name: 'Support agent v2', latest_version: 2 });
    expect(v2.body.versions.map((v: { version: number; name: string }) => [v.version, v.name])).toEqual([
      [1, 'Support agent'],
      [2, 'Support agent v2'],
    ]);
    expect((await admin().get(`/api/v1/admin/templates/${id}/versions/1`)).body).toEqual(v2.body.versions[0]);

    await expect(
      reg.ds.query(`UPDATE registry.template_versions SET published_by = 'x' WHERE template_id = $1`, [id]),
    ).rejects.toMatchObject({
      code: '55S01',
    });
    await expect(
      reg.ds.query(`DELETE FROM registry.template_versions WHERE template_id = $1`, [id]),
    ).rejects.toMatchObject({ code: '55S01' });

    const group = await admin().post(
      '/api/v1/admin/templates',
      template({ name: 'Support group', scope: { role_group: 'support' } }),
    );
    const resolve = (q: string) => reg.as(['hr']).get(`/api/v1/admin/templates/resolve?${q}`);
    expect(
      (await resolve('role=support_agent&role_group=support&at=2025-03-01T00:00:00Z')).body,
    ).toMatchObject({ template_id: id, version: 1, matched_by: 'role', candidates: 2 });
    expect(
      (await resolve('role=support_agent&role_group=support&at=2025-07-01T00:00:00Z')).body,
    ).toMatchObject({ template_id: id, version: 2 });
    expect((await resolve('role=other&role_group=support&at=2025-07-01T00:00:00Z')).body).toMatchObject({
      template_id: group.body.id,
      matched_by: 'role_group',
    });
    expect((await resolve('role=Helpdesk%20Agent&role_group=helpdesk_agents')).body).toMatchObject({
      template_id: 'helpdesk-agent',
      matched_by: 'role_group',
    });
    expect((await resolve('role=nobody&at=2025-03-01T00:00:00Z')).status).toBe(404);
    expect((await resolve('at=yesterday')).body.errors[0].path).toBe('query.at');

    const off = await admin().post(`/api/v1/admin/templates/${id}/deactivate`, { reason: 'reorg' });
    expect(off.body).toMatchObject({ active: false, latest_version: 2 });
    expect(
      (await resolve('role=support_agent&role_group=support&at=2025-07-01T00:00:00Z')).body.template_id,
    ).toBe(group.body.id);
    expect((await admin().post(`/api/v1/admin/templates/${id}/activate`)).body.active).toBe(true);
    expect((await admin().post('/api/v1/admin/templates/missing/versions', template())).status).toBe(404);
  });
});

describe('contract template KPIs', () => {
  it('replaces the set, checking each KPI module', async () => {
    const hr = reg.as(['hr']);
    const items = [
      { kpi_module_id: 'documentation-quality', weight: 20, is_required: true },
      { kpi_module_id: 'goal-linked-notes', weight: 10, is_required: false, custom_target: 85 },
    ];
    expect((await hr.put('/api/v1/hr/templates/dsw-contract/kpis', items)).body).toEqual(items);
    expect((await hr.get('/api/v1/hr/templates/dsw-contract/kpis')).body).toEqual(items);
    const bad = await hr.put('/api/v1/hr/templates/dsw-contract/kpis', [{ kpi_module_id: 'x', weight: 0 }]);
    expect(bad.status).toBe(400);
    expect(problemPaths(bad.body)).toEqual(['[0].weight']);
    const unknown = await hr.put('/api/v1/hr/templates/dsw-contract/kpis', {
      kpis: [{ kpi_module_id: 'nope', weight: 1 }],
      reason: 'x',
    });
    expect(unknown.status).toBe(422);
    expect(problemPaths(unknown.body)).toEqual(['[0].kpi_module_id']);
    const msg = await waitFor(
      () => reg.received.find((m) => m.key === 'contract_template_kpis:dsw-contract'),
      { timeoutMs: 30_000 },
    );
    expect(JSON.parse(msg.value.stateJson)).toEqual(items);
  });
});

describe('replay', () => {
  it('republishes every entity of the tenant without audit rows', async () => {
    const before = await reg.ds.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM registry.audit_log WHERE tenant_id = 'acme'`,
    );
    const res = await admin().post('/api/v1/admin/registry/replay');
    expect(res.body.published).toBeGreaterThan(100);
    const after = await reg.ds.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM registry.audit_log WHERE tenant_id = 'acme'`,
    );
    expect(after[0]?.n).toBe(before[0]?.n);
    await waitFor(
      () => reg.received.some((m) => m.key === 'kpi:csat' && m.value.changedBy === 'system:replay'),
      { timeoutMs: 30_000 },
    );
  });
});

describe('the OpenAPI document’s schemas', () => {
  // The document is generated from the very schema objects the registry validates with, so what
  // they reject, the registry rejects too (400, naming the same fields).
  const documented = (method: Method, path: string) => {
    const op = API_OPERATIONS.find((o) => o.method === method && o.path === path);
    if (!op) throw new Error(`${method} ${path} is not documented`);
    return op;
  };
  const fieldPath = (path: (string | number)[]) =>
    path.reduce<string>((acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : acc ? `${acc}.${p}` : p), '');

  it.each([
    ['/api/v1/admin/kpis', kpiBody({ category: 'astrology', display_order: 1.5 })],
    ['/api/v1/admin/kras', { name: '', weight_default: 0 }],
    ['/api/v1/admin/rating-schemes', { name: 'Bands', bands: [] }],
    ['/api/v1/admin/templates', { name: 'T', scope: {}, effective_from: 'soon', kras: [] }],
  ])('POST %s: rejects a body the documented schema rejects, naming the same fields', async (path, body) => {
    const parsed = documented('POST', path).body?.safeParse(body);
    const schemaFields = new Set(parsed?.error?.issues.map((i) => fieldPath(i.path)));
    expect(schemaFields.size).toBeGreaterThan(0);
    const res = await admin().post(path, body);
    expect(res.status).toBe(400);
    const serviceFields = new Set(problemPaths(res.body));
    expect([...schemaFields].filter((f) => !serviceFields.has(f))).toEqual([]);
  });

  it('rejects a query the documented schema rejects', async () => {
    const query = documented('GET', '/api/v1/admin/kpis').query?.safeParse({ active: 'maybe' });
    expect(query?.error?.issues.map((i) => fieldPath(i.path))).toEqual(['active']);
    const res = await admin().get('/api/v1/admin/kpis?active=maybe');
    // The registry names query fields with a `query.` prefix.
    expect([res.status, problemPaths(res.body)]).toEqual([400, ['query.active']]);
  });
});
