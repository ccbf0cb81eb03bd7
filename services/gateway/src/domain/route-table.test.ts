import { ROUTES, findRoute, pathExists, rawBody } from './route-table';

describe('route table', () => {
  it.each([
    ['POST', '/ingest/events', 'ingest', ['admin']],
    ['POST', '/ingest/imports/care/shift', 'ingest', ['admin', 'hr']],
    ['GET', '/ingest/imports/presets', 'ingest', ['admin', 'hr']],
    ['GET', '/ingest/catalog', 'ingest', ['employee', 'manager', 'hr', 'exec', 'admin']],
    ['POST', '/admin/kpis', 'registry', ['admin']],
    ['GET', '/admin/kpis/42', 'registry', ['admin', 'hr', 'manager']],
    ['POST', '/admin/bindings/b1/preview', 'compute', ['admin']],
    ['GET', '/hr/kpi-modules', 'registry', ['manager', 'hr', 'exec', 'admin']],
    ['GET', '/hr/kpi-modules/7', 'registry', ['manager', 'hr', 'exec', 'admin']],
    ['POST', '/review/periods/p1/finalize', 'review', ['hr', 'exec']],
    ['POST', '/review/scorecards/s1/approve', 'review', ['employee', 'manager', 'hr', 'exec', 'admin']],
    ['GET', '/reports/trends', 'reporting', ['employee', 'manager', 'hr', 'exec', 'admin']],
    ['POST', '/performance/compute', 'compute', ['hr', 'exec', 'admin']],
  ])('%s %s → %s', (method, path, upstream, roles) => {
    const r = findRoute(method, path);
    expect(r?.upstream).toBe(upstream);
    expect(r?.roles).toEqual(roles);
  });

  it.each([
    ['GET', '/nothing'],
    ['DELETE', '/audit'],
    ['GET', '/review'],
    ['POST', '/reports/trends'],
    // Only documented operations are forwarded, even under a prefix a service owns.
    ['GET', '/admin/undocumented'],
    ['DELETE', '/admin/kpis/42'],
    ['GET', '/admin/kpis/42/extra'],
  ])('%s %s has no route', (method, path) => expect(findRoute(method, path)).toBeUndefined());

  it('lets exactly the two webhook paths through without roles, each with its own verification headers', () => {
    expect(findRoute('POST', '/ingest/webhooks/zendesk')).toMatchObject({
      upstream: 'ingest',
      roles: [],
      webhook: { passHeaders: ['x-zendesk-webhook-signature', 'x-zendesk-webhook-signature-timestamp'] },
    });
    expect(findRoute('POST', '/ingest/webhooks/freshdesk')?.webhook?.passHeaders).toEqual(['authorization']);
    // Raw bodies: the webhooks' (signatures cover the bytes) and CSV imports'.
    expect(ROUTES.filter(rawBody).map((r) => `${r.method} ${r.pattern}`)).toEqual([
      'POST /ingest/imports/{source}/{entity}',
      'POST /ingest/webhooks/zendesk',
      'POST /ingest/webhooks/freshdesk',
    ]);
    for (const [method, path] of [
      ['POST', '/ingest/webhooks/other'],
      ['POST', '/ingest/webhooks/zendesk/extra'],
      ['POST', '/ingest/events'],
      ['GET', '/ingest/webhooks/zendesk'],
    ] as const) {
      expect(findRoute(method, path)?.webhook).toBeUndefined();
    }
  });

  it('routes a literal segment and a parameter of the same shape to their own operations', () => {
    expect(findRoute('GET', '/admin/templates/resolve')?.operation.path).toBe(
      '/api/v1/admin/templates/resolve',
    );
    expect(findRoute('GET', '/admin/templates/t1')?.operation.path).toBe('/api/v1/admin/templates/{id}');
  });

  it('tells a wrong method from an unknown path', () => {
    expect(pathExists('/audit')).toBe(true);
    expect(pathExists('/nothing')).toBe(false);
  });
});
