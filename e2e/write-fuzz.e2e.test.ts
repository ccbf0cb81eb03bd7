import fc from 'fast-check';
import { startScorecardSystem, type ScorecardSystem } from './support/scorecard-system';
import { call, devToken, type Reply } from './support/gateway-client';

// Every write route of the gateway's route table, fed bad input through the gateway to the real
// services: whatever arrives, the answer is a 4xx problem+json (never a 5xx, never a crash) and the
// services keep serving. `:id`-style segments are filled by the fuzzer too (traversal, SQL, unicode).

const TENANT = 'e2e-fuzz';
const WRITES: [method: string, path: string][] = [
  ['POST', '/ingest/events'],
  ['POST', '/performance/score-preview'],
  ['POST', '/performance/periods'],
  ['POST', '/performance/settings'],
  ['POST', '/performance/compute'],
  ['POST', '/admin/bindings/:id/preview'],
  ...['kpis', 'kras', 'bindings', 'bonus-policies', 'trigger-rules', 'rating-schemes'].flatMap(
    (c): [string, string][] => [
      ['POST', `/admin/${c}`],
      ['PATCH', `/admin/${c}/:id`],
      ['POST', `/admin/${c}/:id/activate`],
      ['POST', `/admin/${c}/:id/deactivate`],
    ],
  ),
  ['POST', '/admin/templates'],
  ['POST', '/admin/templates/:id/versions'],
  ['POST', '/admin/templates/:id/activate'],
  ['POST', '/admin/templates/:id/deactivate'],
  ['PUT', '/hr/templates/:id/kpis'],
  ['POST', '/hr/staff/:id/kpis'],
  ['PATCH', '/hr/staff/:id/kpis/:kpi/status'],
  ['POST', '/hr/staff/:id/deactivate-kpis'],
  ['POST', '/review/scorecards/:id/overrides'],
  ['POST', '/review/scorecards/:id/notes'],
  ['POST', '/review/scorecards/:id/submit'],
  ['POST', '/review/scorecards/:id/approve'],
  ['POST', '/review/scorecards/:id/dispute'],
  ['POST', '/review/scorecards/:id/resolve'],
  ['POST', '/journal/:id/entries'],
  ['POST', '/journal/entries/:id/decision'],
];
const WEBHOOKS = ['/ingest/webhooks/zendesk', '/ingest/webhooks/freshdesk'];

const INJECTIONS = [
  "' OR 1=1 --",
  "'; DROP TABLE kpis; --",
  '" OR ""="',
  '../../../../etc/passwd',
  '..%2F..%2Fetc%2Fpasswd',
  '{"$gt":""}',
  '__proto__',
  'constructor',
  '${7*7}',
  '<script>alert(1)</script>',
  '\u0000',
  '\uD800',
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢 🙂 ℵ',
  'x'.repeat(20_000),
  '-1',
  '1e309',
  'NaN',
  '00000000-0000-0000-0000-000000000000',
  'monthly:9999-99',
];

let sys: ScorecardSystem;
let token: string;

beforeAll(async () => {
  sys = await startScorecardSystem('fuzz', [TENANT]);
  // Every role at once: the gateway lets each route through, so the owning service sees the input.
  token = await devToken(sys.gateway, {
    sub: 'fuzzer',
    roles: ['admin', 'hr', 'exec', 'manager'],
    tenant_id: TENANT,
    employee_id: 'fuzz-manager',
  });
});

afterAll(() => sys?.stop());

/** A lone surrogate cannot be percent-encoded; it goes as the invalid UTF-8 bytes it would be. */
const encode = (param: string) => {
  try {
    return encodeURIComponent(param);
  } catch {
    return param
      .split('')
      .map((c) => (/[\uD800-\uDFFF]/.test(c) ? '%ED%A0%80' : encodeURIComponent(c)))
      .join('');
  }
};
const fill = (path: string, param: string) => path.replace(/:[a-z]+/g, encode(param));

function expectProblem(res: Reply, what: string): void {
  const where = `${what} → ${res.status} ${res.contentType} ${res.text.slice(0, 300)}`;
  expect({ where, fiveHundred: res.status >= 500 }).toEqual({ where, fiveHundred: false });
  if (res.status >= 400) {
    expect({ where, problem: res.contentType.startsWith('application/problem+json') }).toEqual({
      where,
      problem: true,
    });
    expect((res.body as { status?: number }).status).toBe(res.status);
  }
}

const send = (method: string, path: string, opts: { json?: unknown; raw?: string }) =>
  call(sys.gateway, method, `/api/v1${path}`, { token, ...opts });

describe('write routes under bad input', () => {
  it.each(['{', '{"a":', '[1,2', 'nul', '{"a":1}}', "{'a':1}", '\u0000'])(
    'malformed JSON %j → 400 malformed_json on every write route',
    async (raw) => {
      for (const [method, path] of WRITES) {
        const res = await send(method, fill(path, 'x'), { raw });
        expectProblem(res, `${method} ${path}`);
        expect([res.status, (res.body as { code?: string }).code]).toEqual([400, 'malformed_json']);
      }
    },
  );

  it('bodies over the gateway limit (10 MB) → 413 on every write route', async () => {
    const huge = JSON.stringify({ blob: 'x'.repeat(10.5 * 1024 * 1024) });
    for (const [method, path] of WRITES) {
      const res = await send(method, fill(path, 'x'), { raw: huge });
      expectProblem(res, `${method} ${path}`);
      expect(res.status).toBe(413);
    }
  });

  it("bodies over a service's own limit (1 MB) → 413 from that service", async () => {
    const big = JSON.stringify({ note: 'x'.repeat(2 * 1024 * 1024) });
    for (const [method, path] of WRITES.filter(([, p]) => !p.startsWith('/ingest/'))) {
      const res = await send(method, fill(path, 'x'), { raw: big });
      expectProblem(res, `${method} ${path}`);
      expect(res.status).toBe(413);
    }
  });

  it('a URL over the 16 KB header limit → 431 problem+json', async () => {
    const res = await send('POST', `/review/scorecards/${'x'.repeat(20_000)}/notes`, { json: { note: 'n' } });
    expectProblem(res, 'long URL');
    expect(res.status).toBe(431);
  });

  it('unsigned webhooks with any body → 4xx problem+json', async () => {
    for (const path of WEBHOOKS)
      for (const raw of ['{', '{"ticket":{"id":1}}', INJECTIONS[1] as string]) {
        const res = await call(sys.gateway, 'POST', `/api/v1${path}`, { raw });
        expectProblem(res, `POST ${path}`);
        expect(res.status).toBeGreaterThanOrEqual(400);
      }
  });

  it('generated payloads (wrong types, unknown fields, injection strings) never give a 5xx', async () => {
    const text = fc.oneof(
      fc.constantFrom(...INJECTIONS),
      fc.string(),
      fc.fullUnicodeString({ maxLength: 40 }),
    );
    const scalar = fc.oneof(text, fc.integer(), fc.double(), fc.boolean(), fc.constant(null));
    const value = fc.oneof(
      scalar,
      fc.array(scalar, { maxLength: 4 }),
      fc.dictionary(text, scalar, { maxKeys: 4 }),
    );
    // Known field names with values of any type, plus unknown ones.
    const fields = fc.constantFrom(
      'events',
      'kpi',
      'scorecard',
      'actual',
      'frequency',
      'start',
      'slug',
      'name',
      'category',
      'direction',
      'target',
      'scoring_method',
      'weight_default',
      'kras',
      'scope',
      'effective_from',
      'kpi_id',
      'source',
      'aggregation',
      'employee_id',
      'period_id',
      'entity_type',
      'new_score',
      'reason',
      'note',
      'entry_type',
      'title',
      'decision',
      'status',
      'weight',
      'resolution',
      'kind',
      '__proto__',
      'constructor',
      'zzz_unknown',
    );
    const body = fc.oneof(fc.dictionary(fields, value, { maxKeys: 8 }), value, fc.jsonValue({ maxDepth: 3 }));
    const route = fc.constantFrom(...WRITES);
    await fc.assert(
      fc.asyncProperty(route, text, body, async ([method, path], param, json) => {
        const res = await send(method, fill(path, param), { json });
        expectProblem(
          res,
          `${method} ${fill(path, param).slice(0, 120)} ${JSON.stringify(json).slice(0, 200)}`,
        );
      }),
      { seed: 20_260_901, numRuns: 2_000, endOnFailure: true },
    );
  });

  it('the services keep serving afterwards', async () => {
    expect((await fetch(`${sys.gateway}/healthz`)).status).toBe(200);
    for (const path of [
      '/ingest/catalog',
      '/performance/periods',
      '/admin/kpis',
      '/review/scorecards',
      '/reports/heatmap?rows=department&cols=period',
    ]) {
      const res = await send('GET', path, {});
      expect([path, res.status]).toEqual([path, 200]);
    }
  });
});
