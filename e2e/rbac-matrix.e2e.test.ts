import { generateTenant, type Person } from '@scorecard/generator';
import { waitFor } from '@scorecard/testkit';
import { findRoute, ROUTES } from '../services/gateway/src/domain/route-table';
import { call, devToken, type Reply } from './support/gateway-client';
import { badTokens } from './support/forged-tokens';
import { startScorecardSystem, type ScorecardSystem } from './support/scorecard-system';

// Every route of the gateway's route table × every role, another tenant and bad tokens, on a
// small generated tenant that has been scored and reviewed: the gateway answers 401/403 exactly as
// its table says, and no caller gets another person's data (own data for employees, the reporting
// line for managers, nothing across tenants).

const TENANT = 'e2e-rbac';
const OTHER_TENANT = 'e2e-rbac-other';
const PERIOD = 'monthly:2026-09';
const ROLES = ['employee', 'manager', 'hr', 'exec', 'admin'] as const;
type Role = (typeof ROLES)[number];

const tenant = generateTenant({ employees: 24, months: 1, seed: 4, start: '2026-09-01' });
const byId = new Map(tenant.people.map((p) => [p.id, p]));
const steady = (p: Person) => p.exitedMs === undefined && p.transfer === undefined;
const chain = (p: Person): string[] => {
  const up: string[] = [];
  for (let m = p.managerId; m && !up.includes(m); m = byId.get(m)?.managerId) up.push(m);
  return up;
};
const staff = tenant.people.filter((p) => steady(p) && p.managerId && p.roleGroup === 'helpdesk_agents');
const me = staff[0] as Person;
const manager = byId.get(me.managerId as string) as Person;
const colleague = staff.find((p) => p.id !== me.id) as Person;
// Someone with a seeded template (so a scorecard exists) outside the manager's reporting line.
const outsider = tenant.people.find(
  (p) => steady(p) && p.roleGroup === 'field_technicians' && !chain(p).includes(manager.id),
) as Person;

let sys: ScorecardSystem;
const tokens = {} as Record<Role | 'other_tenant', string>;
const cards = new Map<string, string>();

const get = (token: string | undefined, path: string) =>
  call(sys.gateway, 'GET', `/api/v1${path}`, token ? { token } : {});

beforeAll(async () => {
  sys = await startScorecardSystem('rbac', [TENANT]);
  const claims = (role: Role, employee?: Person) => ({
    sub: `${role}-${employee?.id ?? 'x'}`,
    roles: [role],
    tenant_id: TENANT,
    ...(employee ? { employee_id: employee.id } : {}),
  });
  tokens.employee = await devToken(sys.gateway, claims('employee', me));
  tokens.manager = await devToken(sys.gateway, claims('manager', manager));
  for (const role of ['hr', 'exec', 'admin'] as const)
    tokens[role] = await devToken(sys.gateway, claims(role));
  tokens.other_tenant = await devToken(sys.gateway, {
    sub: 'hr-elsewhere',
    roles: ['hr'],
    tenant_id: OTHER_TENANT,
  });

  const res = await call(sys.gateway, 'POST', '/api/v1/ingest/events', {
    token: tokens.admin,
    json: { events: tenant.events },
  });
  expect(res.status).toBe(202);
  const period = await call(sys.gateway, 'POST', '/api/v1/performance/periods', {
    token: tokens.hr,
    json: { frequency: 'monthly', start: '2026-09-01' },
  });
  expect([200, 201]).toContain(period.status);
  await waitFor(
    async () => {
      const r = await get(tokens.hr, `/review/scorecards?period_id=${PERIOD}`);
      const items = (r.body as { items?: { id: string; employee_id: string }[] }).items ?? [];
      for (const s of items) cards.set(s.employee_id, s.id);
      return [me, colleague, outsider].every((p) => cards.has(p.id)) || undefined;
    },
    { timeoutMs: 120_000, intervalMs: 500, message: 'review scorecards for the people under test' },
  );
}, 240_000);

afterAll(() => sys?.stop());

/** Requests with real people and cards; `{me}` and `{card}` are filled at run time. */
const CHOSEN: [method: string, path: string, body?: unknown][] = [
  ['POST', '/ingest/webhooks/zendesk', {}],
  ['POST', '/ingest/webhooks/freshdesk', {}],
  ['POST', '/ingest/events', {}],
  ['GET', '/ingest/catalog'],
  ['POST', '/performance/score-preview', {}],
  ['POST', '/admin/bindings/none/preview', {}],
  ['GET', '/admin/kpis'],
  ['GET', '/admin/templates'],
  ['POST', '/admin/kpis', {}],
  ['PATCH', '/admin/kpis/none', {}],
  ['GET', '/hr/kpi-modules'],
  ['GET', '/hr/templates/helpdesk-agent/kpis'],
  ['PUT', '/hr/templates/none/kpis', {}],
  ['GET', '/hr/staff/{me}/kpis'],
  ['POST', '/hr/staff/{me}/kpis', {}],
  ['GET', '/performance/periods'],
  ['GET', `/performance/results?period_id=${PERIOD}&employee_id={me}`],
  ['GET', '/performance/runs/00000000-0000-0000-0000-000000000000'],
  ['POST', '/performance/periods', {}],
  ['POST', '/review/periods/none/finalize', {}],
  ['GET', '/review/scorecards'],
  ['GET', '/review/scorecards/{card}'],
  ['POST', '/review/scorecards/{card}/notes', {}],
  ['GET', '/review/exceptions?type=dispute'],
  ['GET', '/journal/{me}/entries'],
  ['POST', '/journal/{me}/entries', {}],
  ['GET', '/audit'],
  ['GET', '/me/dashboard'],
  ['GET', `/me/scorecards/${PERIOD}`],
  ['GET', '/reports/heatmap?rows=department&cols=period'],
  ['GET', '/reports/trends?employee_id={me}'],
  ['GET', `/reports/leaderboard?period_id=${PERIOD}`],
  ['GET', `/reports/distribution?period_id=${PERIOD}`],
  ['GET', `/reports/bonus-eligibility?period_id=${PERIOD}`],
];

/** …and one for every other operation of the route table, on ids that do not exist. */
const REQUESTS = [
  ...CHOSEN,
  ...ROUTES.filter((r) => !CHOSEN.some(([m, p]) => findRoute(m, p.split('?')[0] as string) === r)).map(
    (r): (typeof CHOSEN)[number] => [
      r.method,
      r.pattern.replace(/\{\w+\}/g, 'none'),
      r.method === 'GET' ? undefined : {},
    ],
  ),
];

const fill = (path: string) => path.replace('{me}', me.id).replace('{card}', cards.get(me.id) ?? 'none');
const send = (token: string | undefined, [method, path, body]: (typeof REQUESTS)[number]) =>
  call(sys.gateway, method, `/api/v1${fill(path)}`, {
    ...(token ? { token } : {}),
    ...(body === undefined ? {} : { json: body }),
  });
const seen = (r: Reply) => `${r.status} ${r.text.slice(0, 200)}`;

describe('route table × roles', () => {
  it('covers every operation of the route table', () => {
    const covered = new Set(REQUESTS.map(([m, p]) => findRoute(m, p.split('?')[0] as string)));
    expect(ROUTES.filter((r) => !covered.has(r))).toEqual([]);
  });

  const cases = REQUESTS.flatMap((req) => ROLES.map((role) => [role, req] as const));
  it.each(cases)(
    '%s → %j: 403 exactly when the table excludes the role, never 401 or 5xx',
    async (role, req) => {
      const rule = findRoute(req[0], req[1].split('?')[0] as string);
      const res = await send(tokens[role], req);
      if (rule?.webhook) expect(res.status).toBe(401);
      else if (!rule?.roles.includes(role)) expect(seen(res)).toMatch(/^403 /);
      else expect(seen(res)).toMatch(/^(2\d\d|400|403|404|405|409|422) /);
    },
  );

  const anonymous = Object.entries({ 'no token': undefined, ...badTokens(TENANT) });
  it.each(anonymous)('%s → 401 problem+json on every route', async (_name, token) => {
    for (const req of REQUESTS) {
      const res = await send(token, req);
      expect([req[1], res.status, res.contentType.split(';')[0]]).toEqual([
        req[1],
        401,
        'application/problem+json',
      ]);
    }
  });
});

describe('row-level access: never another person’s data', () => {
  type Caller = Role | 'other_tenant';
  /**
   * [caller, path, whose data must not come back]. Within the tenant the owning service denies
   * (403, or 404 so as not to confirm the person exists); hr of another tenant reads its own,
   * empty, tenant, so lists may come back 200 but hold nothing.
   */
  const foreign = (): [Caller, string, Person][] => [
    ['employee', `/performance/results?period_id=${PERIOD}&employee_id=${colleague.id}`, colleague],
    ['employee', `/review/scorecards/${cards.get(colleague.id)}`, colleague],
    ['employee', `/journal/${colleague.id}/entries`, colleague],
    ['employee', `/reports/trends?employee_id=${colleague.id}`, colleague],
    ['employee', `/hr/staff/${colleague.id}/kpis`, colleague],
    ['employee', `/me/scorecards/${PERIOD}?employee_id=${colleague.id}`, colleague],
    ['manager', `/performance/results?period_id=${PERIOD}&employee_id=${outsider.id}`, outsider],
    ['manager', `/review/scorecards/${cards.get(outsider.id)}`, outsider],
    ['manager', `/journal/${outsider.id}/entries`, outsider],
    ['manager', `/reports/trends?employee_id=${outsider.id}`, outsider],
    ['manager', `/hr/staff/${outsider.id}/kpis`, outsider],
    ['admin', `/performance/results?period_id=${PERIOD}&employee_id=${me.id}`, me],
    ['other_tenant', `/performance/results?period_id=${PERIOD}&employee_id=${me.id}`, me],
    ['other_tenant', `/review/scorecards/${cards.get(me.id)}`, me],
    ['other_tenant', `/journal/${me.id}/entries`, me],
    ['other_tenant', `/reports/trends?employee_id=${me.id}`, me],
    ['other_tenant', `/hr/staff/${me.id}/kpis`, me],
  ];

  it('denies each foreign read (403/404), or answers another tenant with nothing', async () => {
    const got: string[] = [];
    for (const [caller, path, whose] of foreign()) {
      const res = await get(tokens[caller], path);
      const body = res.body as { items?: unknown[]; points?: unknown[]; employee_id?: string };
      const empty = res.status === 200 && (body.items ?? body.points)?.length === 0;
      const ok = /^(403|404)$/.test(String(res.status)) || (caller === 'other_tenant' && empty);
      // /me/* ignores the query: it must still be the caller's own view.
      const own =
        path.startsWith('/me/') &&
        res.text === (await get(tokens[caller], path.split('?')[0] as string)).text;
      if (!ok && !own) got.push(`${caller} ${path.replace(whose.id, '<them>')} → ${seen(res)}`);
    }
    expect(got).toEqual([]);
  });

  it('lists hold only what the caller may see', async () => {
    const line = (p: Person) => p.id === manager.id || chain(p).includes(manager.id);
    const ids = async (caller: Caller, path: string) =>
      ((await get(tokens[caller], path)).body as { items?: { employee_id: string }[] }).items?.map(
        (s) => s.employee_id,
      ) ?? [];
    expect(new Set(await ids('employee', `/review/scorecards?period_id=${PERIOD}`))).toEqual(
      new Set([me.id]),
    );
    const team = await ids('manager', `/review/scorecards?period_id=${PERIOD}&scope=team`);
    expect(team).toContain(me.id);
    expect(team.filter((id) => !line(byId.get(id) as Person))).toEqual([]);
    expect(await ids('other_tenant', `/review/scorecards?period_id=${PERIOD}`)).toEqual([]);
    const dashboard = await get(tokens.employee, '/me/dashboard');
    expect((dashboard.body as { employee_id: string }).employee_id).toBe(me.id);
    expect(dashboard.text).not.toContain(colleague.id);
  });

  it('refuses foreign writes', async () => {
    const note = { note: 'not yours' };
    const entry = { entry_type: 'observation', title: 'not yours' };
    const attempts: [Caller, string, unknown][] = [
      ['employee', `/review/scorecards/${cards.get(colleague.id)}/notes`, note],
      ['employee', `/journal/${colleague.id}/entries`, entry],
      ['manager', `/review/scorecards/${cards.get(outsider.id)}/notes`, note],
      [
        'manager',
        `/review/scorecards/${cards.get(outsider.id)}/overrides`,
        { entity_type: 'overall', new_score: 1, reason: 'x' },
      ],
      ['other_tenant', `/review/scorecards/${cards.get(me.id)}/notes`, note],
      ['other_tenant', `/journal/${me.id}/entries`, entry],
    ];
    const got: string[] = [];
    for (const [caller, path, json] of attempts) {
      const res = await call(sys.gateway, 'POST', `/api/v1${path}`, { token: tokens[caller], json });
      got.push(`${caller} POST ${path} → ${res.status}`);
    }
    expect(got.filter((g) => !/→ (403|404)$/.test(g))).toEqual([]);
  });

  it('a manager outside the line may only propose a pending entry, and learns no score from it', async () => {
    const kpis = await get(tokens.hr, `/hr/staff/${outsider.id}/kpis`);
    // The outsider has KPIs (assigned by their contract), each with a current score to leak.
    const kpiId = (kpis.body as { items: { kpi_id: string; current_score: number | null }[] }).items.find(
      (k) => k.current_score !== null,
    )?.kpi_id;
    expect(kpiId).toBeDefined();
    const res = await call(sys.gateway, 'POST', `/api/v1/journal/${outsider.id}/entries`, {
      token: tokens.manager,
      json: { entry_type: 'observation', title: 'seen at a site visit', kpi_id: kpiId },
    });
    expect(seen(res)).toMatch(/^201 /);
    const entry = res.body as {
      pending_approval: boolean;
      visible_to_staff: boolean;
      score_before: number | null;
    };
    expect(entry.pending_approval).toBe(true);
    expect({ kpiId, score_before: entry.score_before }).toEqual({ kpiId, score_before: null });
  });

  it('hr and exec do see the same people (the denials above are not for want of data)', async () => {
    for (const caller of ['hr', 'exec'] as const) {
      const res = await get(
        tokens[caller],
        `/performance/results?period_id=${PERIOD}&employee_id=${colleague.id}`,
      );
      expect([caller, res.status]).toEqual([caller, 200]);
      expect((await get(tokens[caller], `/review/scorecards/${cards.get(outsider.id)}`)).status).toBe(200);
    }
    const own = await get(tokens.manager, `/review/scorecards/${cards.get(me.id)}`);
    expect(own.status).toBe(200);
  });
});
