import { ingestEventSchema } from '@scorecard/contracts';
import { generateTenant } from './generate-tenant';
import type { GeneratedEvent } from './event-log';

const opts = { employees: 80, months: 2, seed: 42, start: '2026-01-01' };
const tenant = generateTenant(opts);
const of = (source: string, entity: string) =>
  tenant.events.filter((e) => e.source === source && e.entity === entity);
/** The last state of each record. */
const latest = (events: GeneratedEvent[]) => {
  const m = new Map<string, GeneratedEvent>();
  for (const e of events) if ((m.get(e.id)?.version ?? 0) < e.version) m.set(e.id, e);
  return [...m.values()];
};
const share = (xs: unknown[], pred: (x: never) => boolean) =>
  xs.filter(pred as (x: unknown) => boolean).length / xs.length;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

describe('generateTenant', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    const again = generateTenant(opts);
    expect(JSON.stringify(again.events)).toBe(JSON.stringify(tenant.events));
    const other = generateTenant({ ...opts, seed: 43 });
    expect(JSON.stringify(other.events)).not.toBe(JSON.stringify(tenant.events));
  });

  it('produces only events the ingest API accepts, inside the window, versioned per record', () => {
    for (const e of tenant.events) {
      const r = ingestEventSchema.safeParse(e);
      if (!r.success) throw new Error(`${JSON.stringify(r.error.issues)} in ${JSON.stringify(e)}`);
      expect(e.occurred_at < tenant.window.end).toBe(true);
    }
    const keys = new Set(tenant.events.map((e) => `${e.source}/${e.entity}/${e.id}/${e.version}`));
    expect(keys.size).toBe(tenant.events.length);
    expect(new Set(tenant.events.map((e) => `${e.source}/${e.entity}`))).toEqual(
      new Set([
        'hr/org_unit',
        'hr/employee',
        'hr/contract',
        'hr/role_change',
        'ticketing/ticket',
        'field_service/work_order',
        'noc/incident',
        'noc/availability_snapshot',
        'finance/invoice',
        'finance/payment',
        'finance/reconciliation',
        'crm/deal',
        'crm/account',
      ]),
    );
  });

  it('builds a real hierarchy of exactly N people with ISP and care role groups', () => {
    const people = tenant.people;
    expect(people).toHaveLength(80);
    const byId = new Map(people.map((p) => [p.id, p]));
    const roots = people.filter((p) => p.managerId === undefined);
    expect(roots.map((p) => p.role)).toEqual(['Chief Executive Officer']);
    for (const p of people) {
      // Walking up always reaches the CEO: no cycles, no dangling managers.
      let cur = p;
      for (let hops = 0; cur.managerId !== undefined; hops++) {
        expect(hops).toBeLessThan(4);
        cur = byId.get(cur.managerId)!;
        expect(cur).toBeDefined();
      }
    }
    const groups = new Set(people.map((p) => p.roleGroup));
    for (const g of [
      'helpdesk_agents',
      'field_technicians',
      'noc_engineers',
      'billing_officers',
      'account_managers',
      'support_workers',
      'registered_nurses',
      'team_leaders',
      'management',
    ]) {
      expect(groups).toContain(g);
    }
    expect(
      people
        .filter((p) => p.roleGroup === 'team_leaders')
        .every((p) => byId.get(p.managerId!)?.roleGroup === 'management'),
    ).toBe(true);
  });

  it('has weekly seasonality, reassignments, reopenings and SLA breaches in plausible shares', () => {
    const created = of('ticketing', 'ticket').filter((e) => e.version === 1);
    const byDay = [0, 0, 0, 0, 0, 0, 0];
    for (const e of created) byDay[new Date(e.occurred_at).getUTCDay()]!++;
    expect(byDay[1]!).toBeGreaterThan(3 * byDay[0]!);
    const tickets = latest(of('ticketing', 'ticket'));
    expect(share(tickets, (t: GeneratedEvent) => t.data.previous_assigned_to !== undefined)).toBeGreaterThan(
      0.05,
    );
    expect(share(tickets, (t: GeneratedEvent) => t.data.reopened_count === 1)).toBeGreaterThan(0.02);
    expect(share(tickets, (t: GeneratedEvent) => t.data.reopened_count === 1)).toBeLessThan(0.15);
    const breached = share(
      tickets.filter((t) => t.data.resolved_at),
      (t: GeneratedEvent) => t.data.sla_breached === true,
    );
    expect(breached).toBeGreaterThan(0.05);
    expect(breached).toBeLessThan(0.45);
    const ftf = latest(of('field_service', 'work_order')).filter(
      (w) => w.data.status === 'completed' || w.data.status === 'failed',
    );
    expect(share(ftf, (w: GeneratedEvent) => w.data.first_time_fix === true)).toBeGreaterThan(0.75);
    expect(ftf.some((w) => w.data.revisit === true && typeof w.data.revisit_of === 'string')).toBe(true);
  });

  it('separates skilled from struggling people in their outcomes', () => {
    const skill = new Map(tenant.people.map((p) => [p.id, p.skill]));
    const tickets = latest(of('ticketing', 'ticket')).filter(
      (t) => t.data.resolved_at && t.data.reopened_count === 0,
    );
    const hours = (t: GeneratedEvent) =>
      (Date.parse(String(t.data.resolved_at)) - Date.parse(String(t.data.created_at))) / 3_600_000;
    const skilled = tickets.filter((t) => (skill.get(String(t.data.assigned_to)) ?? 0) > 0.7);
    const struggling = tickets.filter((t) => (skill.get(String(t.data.assigned_to)) ?? 0) < -0.7);
    expect(skilled.length).toBeGreaterThan(50);
    expect(struggling.length).toBeGreaterThan(50);
    expect(median(skilled.map(hours))).toBeLessThan(median(struggling.map(hours)));
    const csat = (ts: GeneratedEvent[]) =>
      ts
        .filter((t) => typeof t.data.csat === 'number')
        .reduce((s, t, _i, a) => s + Number(t.data.csat) / a.length, 0);
    expect(csat(skilled)).toBeGreaterThan(csat(struggling));
  });

  it('records exits and contracts in the HR history', () => {
    const big = generateTenant({ employees: 300, months: 6, seed: 1, start: '2026-01-01' });
    const exits = big.events.filter((e) => e.entity === 'employee' && e.data.status === 'exited');
    expect(exits.length).toBeGreaterThan(3);
    expect(
      exits.every((e) => typeof e.data.exited_at === 'string' && typeof e.data.exit_reason === 'string'),
    ).toBe(true);
    expect(big.events.some((e) => e.entity === 'contract' && e.data.kind === 'renewal')).toBe(true);
    expect(big.events.some((e) => e.entity === 'role_change')).toBe(true);
  });

  it('refuses options it cannot honour', () => {
    expect(() => generateTenant({ ...opts, employees: 5 })).toThrow('at least');
    expect(() => generateTenant({ ...opts, start: '2026-01-15' })).toThrow('first day of a month');
  });
});
