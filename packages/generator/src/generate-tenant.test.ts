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
        'care/shift',
        'care/incident',
        'care/progress_note',
        'care/feedback',
        'care/medication',
        'learning/training_record',
        'hr/supervision',
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

  describe('care and learning', () => {
    const big = generateTenant({ employees: 160, months: 3, seed: 7, start: '2026-08-01' });
    const bigOf = (source: string, entity: string) =>
      latest(big.events.filter((e) => e.source === source && e.entity === entity));
    const people = new Map(big.people.map((p) => [p.id, p]));
    const ms = (v: unknown) => Date.parse(String(v));
    const shifts = bigOf('care', 'shift');
    const by = <T>(xs: T[], key: (x: T) => string) => {
      const m = new Map<string, T[]>();
      for (const x of xs) m.set(key(x), [...(m.get(key(x)) ?? []), x]);
      return m;
    };

    it('rosters care and corporate staff only, a support worker 15–22 shifts a month', () => {
      const workers = by(shifts, (s) => String(s.data.worker_id));
      const departments = new Set([...workers.keys()].map((id) => people.get(id)?.departmentId));
      expect(departments).toEqual(new Set(['dep-community-care', 'dep-corporate']));
      expect([...workers.keys()].some((id) => people.get(id)?.roleGroup === 'management')).toBe(false);
      // Full-quarter support workers: hired before and still employed after the window.
      const steady = [...workers].filter(([id]) => {
        const p = people.get(id)!;
        return (
          p.roleGroup === 'support_workers' &&
          p.hiredMs < Date.parse(big.window.start) &&
          p.exitedMs === undefined
        );
      });
      expect(steady.length).toBeGreaterThan(5);
      const perMonth = steady.map(([, s]) => s.length / 3);
      expect(Math.min(...perMonth)).toBeGreaterThanOrEqual(14);
      expect(Math.max(...perMonth)).toBeLessThanOrEqual(23);
      expect(perMonth.reduce((a, b) => a + b, 0) / perMonth.length).toBeGreaterThan(15);
    });

    it('works most shifts as rostered, with late starts, no-shows and cancellations', () => {
      const status = (s: string) => share(shifts, (x: GeneratedEvent) => x.data.status === s);
      expect(status('completed')).toBeGreaterThan(0.85);
      expect(status('missed')).toBeGreaterThan(0.002);
      expect(status('missed')).toBeLessThan(0.03);
      expect(status('cancelled_by_worker')).toBeGreaterThan(0.01);
      expect(status('cancelled_by_provider')).toBeGreaterThan(0.01);
      const byWorker = shifts.filter((s) => s.data.status === 'cancelled_by_worker');
      expect(new Set(byWorker.map((s) => s.data.late_notice))).toEqual(new Set([true, false]));
      // A late notice is less than 12 hours before the start.
      for (const s of byWorker)
        expect(ms(s.data.scheduled_start) - ms(s.occurred_at) < 12 * 3_600_000).toBe(s.data.late_notice);
      const completed = shifts.filter((s) => s.data.status === 'completed');
      const lateStart = share(
        completed,
        (s: GeneratedEvent) => ms(s.data.actual_start) > ms(s.data.scheduled_start) + 5 * 60_000,
      );
      expect(lateStart).toBeGreaterThan(0.02);
      expect(lateStart).toBeLessThan(0.15);
      expect(completed.every((s) => ms(s.data.actual_end) > ms(s.data.actual_start))).toBe(true);
      // The roster was published before the shift (version 1 is `scheduled`).
      const first = big.events.filter((e) => e.entity === 'shift' && e.version === 1);
      expect(
        first.every((e) => e.data.status === 'scheduled' && e.occurred_at < String(e.data.scheduled_start)),
      ).toBe(true);
    });

    it('gives the skilled better attendance than the struggling', () => {
      const rostered = shifts.filter(
        (s) => s.data.status !== 'cancelled_by_provider' && s.data.status !== 'scheduled',
      );
      const asRostered = (xs: GeneratedEvent[]) =>
        share(
          xs,
          (s: GeneratedEvent) =>
            s.data.status === 'completed' &&
            ms(s.data.actual_start) <= ms(s.data.scheduled_start) + 5 * 60_000,
        );
      const skill = (s: GeneratedEvent) => people.get(String(s.data.worker_id))!.skill;
      const skilled = rostered.filter((s) => skill(s) > 0.7);
      const struggling = rostered.filter((s) => skill(s) < -0.7);
      expect(skilled.length).toBeGreaterThan(200);
      expect(struggling.length).toBeGreaterThan(200);
      expect(asRostered(skilled)).toBeGreaterThan(asRostered(struggling) + 0.03);
    });

    it('writes a progress note per worked client shift, mostly on time, some audited', () => {
      const notes = bigOf('care', 'progress_note');
      const worked = new Map(
        shifts.filter((s) => s.data.status === 'completed' && s.data.client_id).map((s) => [s.id, s]),
      );
      expect(notes.length).toBeGreaterThan(0.95 * worked.size);
      for (const n of notes) {
        const shift = worked.get(String(n.data.shift_id));
        if (!shift) continue; // its clock-out fell after the window
        expect([n.data.author_id, n.data.client_id]).toEqual([shift.data.worker_id, shift.data.client_id]);
        expect(ms(n.data.due_at)).toBe(ms(shift.data.scheduled_end) + 86_400_000);
      }
      const submitted = notes.filter((n) => n.data.submitted_at);
      const onTime = share(submitted, (n: GeneratedEvent) => ms(n.data.submitted_at) <= ms(n.data.due_at));
      expect(onTime).toBeGreaterThan(0.85);
      expect(onTime).toBeLessThan(1);
      expect(submitted.length).toBeLessThan(notes.length);
      expect(share(submitted, (n: GeneratedEvent) => n.data.goal_linked === true)).toBeGreaterThan(0.7);
      const audited = notes.filter((n) => n.data.audit_result !== undefined);
      expect(audited.length / submitted.length).toBeGreaterThan(0.15);
      expect(new Set(audited.map((n) => n.data.audit_result))).toEqual(new Set(['pass', 'fail']));
    });

    it('reports incidents, some reportable and some late, naming the staff involved', () => {
      const incidents = bigOf('care', 'incident');
      expect(incidents.length).toBeGreaterThan(40);
      const reportable = incidents.filter((i) => i.data.reportable === true);
      expect(reportable.length).toBeGreaterThan(5);
      expect(reportable.every((i) => i.data.priority === 'p1' || i.data.priority === 'p2')).toBe(true);
      expect(
        incidents.filter((i) => i.data.reportable === false).every((i) => i.data.priority === 'none'),
      ).toBe(true);
      const hours = (i: GeneratedEvent) => (ms(i.data.reported_at) - ms(i.data.occurred_at)) / 3_600_000;
      expect(share(incidents, (i: GeneratedEvent) => hours(i) <= 24)).toBeGreaterThan(0.85);
      expect(incidents.some((i) => hours(i) > 24)).toBe(true);
      const involved = incidents.map((i) => String(i.data.staff_involved).split(','));
      expect(
        involved.every(
          (ids, k) => ids[0] === incidents[k]!.data.reported_by && ids.every((id) => people.has(id)),
        ),
      ).toBe(true);
      expect(involved.some((ids) => ids.length === 2)).toBe(true);
      expect(
        incidents
          .filter((i) => i.data.status === 'closed')
          .every((i) => ms(i.data.closed_at) > ms(i.data.reported_at)),
      ).toBe(true);
    });

    it('collects surveys, compliments and complaints about workers', () => {
      const feedback = bigOf('care', 'feedback');
      const kinds = by(feedback, (f) => String(f.data.kind));
      expect(new Set(kinds.keys())).toEqual(new Set(['survey', 'compliment', 'complaint']));
      expect(kinds.get('survey')!.length).toBeGreaterThan(kinds.get('complaint')!.length * 5);
      const ratings = kinds.get('survey')!.map((f) => Number(f.data.rating));
      expect(ratings.every((r) => Number.isInteger(r) && r >= 1 && r <= 5)).toBe(true);
      expect(ratings.reduce((a, b) => a + b, 0) / ratings.length).toBeGreaterThan(3.5);
      expect(feedback.every((f) => people.has(String(f.data.about_staff_id)))).toBe(true);
    });

    it('records medication rounds, mostly given', () => {
      const rounds = bigOf('care', 'medication');
      expect(rounds.length).toBeGreaterThan(1000);
      const outcome = (o: string) => share(rounds, (r: GeneratedEvent) => r.data.outcome === o);
      expect(outcome('given')).toBeGreaterThan(0.9);
      expect(outcome('error') + outcome('missed')).toBeGreaterThan(0);
      expect(outcome('error') + outcome('missed')).toBeLessThan(0.03);
      expect(
        rounds.filter((r) => r.data.outcome === 'missed').every((r) => r.data.administered_at === undefined),
      ).toBe(true);
      const groups = new Set(rounds.map((r) => people.get(String(r.data.administered_by))?.roleGroup));
      expect(groups).toEqual(
        new Set(['support_workers', 'personal_care_workers', 'registered_nurses', 'enrolled_nurses']),
      );
    });

    it('keeps mandatory training records with due, completed and expiry dates', () => {
      const records = bigOf('learning', 'training_record');
      const everyone = new Set(records.map((r) => r.data.employee_id));
      expect(everyone.size).toBe(big.people.length);
      const mandatory = records.filter((r) => r.data.mandatory === true);
      expect(mandatory.length).toBeGreaterThan(0.9 * records.length);
      const fireSafety = mandatory.filter((r) => r.data.module === 'fire-safety' && r.data.completed_at);
      expect(
        fireSafety.every(
          (r) => Math.round((ms(r.data.expires_at) - ms(r.data.completed_at)) / 86_400_000) === 365,
        ),
      ).toBe(true);
      const dueInWindow = mandatory.filter(
        (r) => String(r.data.due_at) >= big.window.start && String(r.data.due_at) < big.window.end,
      );
      expect(dueInWindow.length).toBeGreaterThan(big.people.length / 2);
      const done = dueInWindow.filter((r) => r.data.completed_at);
      expect(
        share(done, (r: GeneratedEvent) => ms(r.data.completed_at) <= ms(r.data.due_at)),
      ).toBeGreaterThan(0.8);
      expect(done.some((r) => ms(r.data.completed_at) > ms(r.data.due_at))).toBe(true);
      // Care modules are for the care workforce only.
      const infection = new Set(
        records
          .filter((r) => r.data.module === 'infection-control')
          .map((r) => people.get(String(r.data.employee_id))?.departmentId),
      );
      expect(infection).toEqual(new Set(['dep-community-care', 'dep-corporate']));
    });

    it('holds supervision with each care staff member about monthly, by their manager', () => {
      const sessions = bigOf('hr', 'supervision');
      expect(
        sessions.every(
          (s) =>
            people.get(String(s.data.supervisee_id))?.managerId === s.data.supervisor_id ||
            people.get(String(s.data.supervisee_id))?.transfer,
        ),
      ).toBe(true);
      const care = big.people.filter(
        (p) =>
          p.departmentId === 'dep-community-care' &&
          p.roleGroup !== 'management' &&
          p.exitedMs === undefined &&
          p.hiredMs < Date.parse(big.window.start),
      );
      const count = by(
        sessions.filter((s) => s.data.kind === 'supervision'),
        (s) => String(s.data.supervisee_id),
      );
      const per = care.map((p) => count.get(p.id)?.length ?? 0);
      expect(Math.min(...per)).toBeGreaterThanOrEqual(1);
      expect(Math.max(...per)).toBeLessThanOrEqual(4);
      expect(new Set(sessions.map((s) => s.data.kind))).toEqual(
        new Set(['supervision', 'catch_up', 'probation_review']),
      );
      expect(sessions.every((s) => ![0, 6].includes(new Date(String(s.data.held_at)).getUTCDay()))).toBe(
        true,
      );
    });
  });

  it('refuses options it cannot honour', () => {
    expect(() => generateTenant({ ...opts, employees: 5 })).toThrow('at least');
    expect(() => generateTenant({ ...opts, start: '2026-01-15' })).toThrow('first day of a month');
  });
});
