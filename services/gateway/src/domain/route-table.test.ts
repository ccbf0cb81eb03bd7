import { findRoute, pathExists } from './route-table';

describe('route table', () => {
  it.each([
    ['POST', '/ingest/events', 'ingest', ['admin']],
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
  ])('%s %s has no route', (method, path) => expect(findRoute(method, path)).toBeUndefined());

  it('tells a wrong method from an unknown path', () => {
    expect(pathExists('/audit')).toBe(true);
    expect(pathExists('/nothing')).toBe(false);
  });
});
