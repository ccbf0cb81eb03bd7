import { DAY, HOUR, MINUTE, weekday } from './calendar';
import { clamp, rating, speed, type SimContext } from './context';
import { iso } from './event-log';
import { employedAt, postAt, type Organisation, type Person } from './organisation';
import type { Random } from './random';

/** A shift pattern: start hour (UTC), length in hours, service type. */
type Pattern = readonly [startHour: number, hours: number, service: string];

interface RosterSpec {
  /** Shifts in an average month. */
  perMonth: number;
  /** Seven-day rosters for the frontline, weekdays for office and therapy staff. */
  weekdaysOnly: boolean;
  /** Shifts per rostered day (therapists see several clients a day). */
  perDay: number;
  patterns: readonly (readonly [Pattern, number])[];
  /** With a client (notes, feedback, incidents), and how many medication rounds a shift has. */
  client: boolean;
  medicationRounds: number;
}

const OFFICE: RosterSpec = {
  perMonth: 20,
  weekdaysOnly: true,
  perDay: 1,
  patterns: [[[8, 8, 'office'], 1]],
  client: false,
  medicationRounds: 0,
};

/** How each care role group is rostered; a group not listed (management) works no shifts. */
const ROSTERS: Readonly<Record<string, RosterSpec>> = {
  support_workers: {
    perMonth: 18,
    weekdaysOnly: false,
    perDay: 1,
    patterns: [
      [[7, 8, 'personal_care'], 30],
      [[9, 4, 'community_access'], 25],
      [[15, 8, 'supported_living'], 30],
      [[22, 9, 'overnight'], 15],
    ],
    client: true,
    medicationRounds: 0.6,
  },
  personal_care_workers: {
    perMonth: 19,
    weekdaysOnly: false,
    perDay: 1,
    patterns: [
      [[7, 8, 'personal_care'], 45],
      [[15, 8, 'personal_care'], 40],
      [[23, 8, 'overnight'], 15],
    ],
    client: true,
    medicationRounds: 2,
  },
  registered_nurses: {
    perMonth: 16,
    weekdaysOnly: false,
    perDay: 1,
    patterns: [
      [[7, 8, 'nursing'], 45],
      [[15, 8, 'nursing'], 35],
      [[23, 8, 'nursing'], 20],
    ],
    client: true,
    medicationRounds: 3,
  },
  enrolled_nurses: {
    perMonth: 17,
    weekdaysOnly: false,
    perDay: 1,
    patterns: [
      [[7, 8, 'nursing'], 50],
      [[15, 8, 'nursing'], 50],
    ],
    client: true,
    medicationRounds: 3,
  },
  allied_health: {
    perMonth: 16,
    weekdaysOnly: true,
    perDay: 2,
    patterns: [
      [[9, 2, 'therapy'], 1],
      [[13, 2, 'therapy'], 1],
    ],
    client: true,
    medicationRounds: 0,
  },
  team_leaders: { ...OFFICE, perMonth: 17, patterns: [[[8, 8, 'team_leadership'], 1]] },
  coordinators: OFFICE,
  administration: OFFICE,
  quality_compliance: OFFICE,
};

const INCIDENT_CATEGORIES = [
  ['fall', 25],
  ['client_illness', 18],
  ['behaviour', 20],
  ['injury', 15],
  ['medication', 10],
  ['property_damage', 5],
  ['unauthorised_restrictive_practice', 4],
  ['abuse_neglect_allegation', 3],
] as const;
/** Chance an incident of the category must be notified to the regulator. */
const REPORTABLE: Record<(typeof INCIDENT_CATEGORIES)[number][0], number> = {
  fall: 0.25,
  client_illness: 0.05,
  behaviour: 0.15,
  injury: 0.3,
  medication: 0.2,
  property_damage: 0,
  unauthorised_restrictive_practice: 1,
  abuse_neglect_allegation: 1,
};
const CLIENTS_PER_TEAM = 10;

/** Whether a person's shifts and records come from the care systems: the care and corporate departments. */
export const inCareWorkforce = (p: Person, ms: number) => {
  const kind = postAt(p, ms).kind;
  return kind === 'care' || kind === 'corporate';
};

interface Shift {
  id: string;
  worker: Person;
  teamId: string | undefined;
  clientId: string | undefined;
  spec: RosterSpec;
  startMs: number;
  endMs: number;
}

/**
 * The care provider's systems: rostered shifts and visits (most worked on time; late starts,
 * no-shows and cancellations — with late notice or not — more often for the struggling), a
 * progress note per client shift, medication rounds, incidents (some reportable, reported within
 * hours or, now and then, days later) and feedback about the worker (surveys, compliments,
 * complaints).
 */
export function simulateCare(ctx: SimContext, rnd: Random): void {
  const ids = counters();
  for (const day of ctx.days) {
    for (const person of ctx.org.people) {
      const spec = ROSTERS[person.roleGroup];
      if (!spec || !inCareWorkforce(person, day) || !employedAt(person, day + 12 * HOUR)) continue;
      if (spec.weekdaysOnly && (weekday(day) === 0 || weekday(day) === 6)) continue;
      const workingDays = spec.weekdaysOnly ? 21.7 : 30.4;
      if (!rnd.chance(clamp(spec.perMonth / spec.perDay / workingDays, 0, 1))) continue;
      const teamId = postAt(person, day).teamId;
      const patterns = spec.perDay > 1 ? spec.patterns.map(([p]) => p) : [rnd.weighted(spec.patterns)];
      for (const [hour, hours, service] of patterns) {
        const startMs = day + hour * HOUR;
        const shift: Shift = {
          id: ids.next('SH'),
          worker: person,
          teamId,
          clientId:
            spec.client && teamId ? `client-${teamId.slice(5)}-${rnd.int(1, CLIENTS_PER_TEAM)}` : undefined,
          spec,
          startMs,
          endMs: startMs + hours * HOUR,
        };
        const worked = rosterShift(ctx, rnd, shift, service);
        if (worked === undefined || shift.clientId === undefined) continue;
        progressNote(ctx, rnd, shift, worked);
        medicationRounds(ctx, rnd, ids, shift, worked);
        if (rnd.chance(0.03)) incident(ctx, rnd, ids, shift, worked);
        feedback(ctx, rnd, ids, shift, worked);
      }
    }
  }
}

function counters() {
  const seq = new Map<string, number>();
  return {
    next(prefix: string) {
      const n = (seq.get(prefix) ?? 0) + 1;
      seq.set(prefix, n);
      return `${prefix}-${String(n).padStart(6, '0')}`;
    },
  };
}

/** The shift's roster history; the clock-in and clock-out when it was worked. */
function rosterShift(
  ctx: SimContext,
  rnd: Random,
  s: Shift,
  service: string,
): { startMs: number; endMs: number } | undefined {
  const { skill } = s.worker;
  const state: Record<string, string | boolean | undefined> = {
    worker_id: s.worker.id,
    client_id: s.clientId,
    team_id: s.teamId,
    scheduled_start: iso(s.startMs),
    scheduled_end: iso(s.endMs),
    status: 'scheduled',
    service_type: service,
  };
  const emit = (atMs: number, change: Record<string, string | boolean | undefined>) => {
    Object.assign(state, change);
    ctx.log.emit('care', 'shift', s.id, atMs, state);
  };
  // Rosters are published one to three weeks ahead.
  emit(s.startMs - rnd.int(7, 21) * DAY, {});
  const outcome = rnd.weighted([
    ['cancelled_by_provider', 3],
    ['cancelled_by_worker', 100 * clamp(0.03 - 0.012 * skill, 0.01, 0.08)],
    ['missed', 100 * clamp(0.01 - 0.006 * skill, 0.002, 0.04)],
    ['completed', 90],
  ] as const);
  switch (outcome) {
    case 'cancelled_by_provider':
      emit(s.startMs - rnd.int(2, 96) * HOUR, { status: outcome });
      return undefined;
    case 'cancelled_by_worker': {
      // Late notice: less than half a day, too late for the roster to find cover.
      const late = rnd.chance(clamp(0.35 - 0.15 * skill, 0.1, 0.7));
      emit(s.startMs - (late ? rnd.int(1, 11) * HOUR : rnd.int(2, 6) * DAY), {
        status: outcome,
        late_notice: late,
      });
      return undefined;
    }
    case 'missed':
      emit(s.startMs + 2 * HOUR, { status: outcome });
      return undefined;
    case 'completed': {
      // Most clock in a few minutes early; late starts beyond the grace are rarer for the skilled.
      const lateStart = rnd.chance(clamp(0.07 - 0.04 * skill, 0.01, 0.25));
      const startMs =
        s.startMs +
        (lateStart
          ? Math.round(Math.max(6, rnd.logNormal(12, 0.5)) * MINUTE)
          : Math.round(clamp(rnd.normal(-5, 4), -20, 5)) * MINUTE);
      const endMs = s.endMs + Math.round(clamp(rnd.normal(4, 6), -10, 40)) * MINUTE;
      emit(endMs, { status: outcome, actual_start: iso(startMs), actual_end: iso(endMs) });
      return { startMs, endMs };
    }
  }
}

/** A note per client shift, due within 24 hours of the shift's end; some are audited later. */
function progressNote(ctx: SimContext, rnd: Random, s: Shift, worked: { endMs: number }): void {
  const { skill } = s.worker;
  const id = `PN-${s.id.slice(3)}`;
  const dueMs = s.endMs + DAY;
  const base = { shift_id: s.id, author_id: s.worker.id, client_id: s.clientId, due_at: iso(dueMs) };
  if (rnd.chance(clamp(0.01 - 0.01 * skill, 0, 0.05))) {
    // Never written: the rostering system shows it overdue.
    ctx.log.emit('care', 'progress_note', id, dueMs, base);
    return;
  }
  const late = rnd.chance(clamp(0.06 - 0.05 * skill, 0.01, 0.3));
  const submittedMs = late
    ? dueMs + Math.round(rnd.logNormal(10, 0.8) * HOUR)
    : rnd.chance(0.5)
      ? worked.endMs - rnd.int(0, 20) * MINUTE
      : Math.min(dueMs - MINUTE, worked.endMs + Math.round(rnd.logNormal(3, 0.8) * HOUR));
  const note = {
    ...base,
    submitted_at: iso(submittedMs),
    goal_linked: rnd.chance(clamp(0.8 + 0.08 * skill, 0.5, 0.98)),
  };
  ctx.log.emit('care', 'progress_note', id, submittedMs, note);
  // A monthly sample audit: about a quarter of the notes.
  if (rnd.chance(0.25)) {
    const auditMs = submittedMs + rnd.int(3, 20) * DAY;
    const pass = rnd.chance(clamp(0.9 + 0.05 * skill, 0.6, 0.99) - (note.goal_linked ? 0 : 0.2));
    ctx.log.emit('care', 'progress_note', id, auditMs, { ...note, audit_result: pass ? 'pass' : 'fail' });
  }
}

function medicationRounds(
  ctx: SimContext,
  rnd: Random,
  ids: ReturnType<typeof counters>,
  s: Shift,
  worked: { startMs: number; endMs: number },
): void {
  const { skill } = s.worker;
  const rounds = rnd.poisson(s.spec.medicationRounds);
  for (let i = 1; i <= rounds; i++) {
    // Spread over the shift, on the half hour.
    const at = s.startMs + ((s.endMs - s.startMs) * i) / (rounds + 1);
    const scheduledMs = Math.round(at / (30 * MINUTE)) * 30 * MINUTE;
    const outcome = rnd.weighted([
      ['missed', 100 * clamp(0.008 - 0.006 * skill, 0.001, 0.04)],
      ['error', 100 * clamp(0.004 - 0.003 * skill, 0.0005, 0.02)],
      ['refused', 2.5],
      ['given', 95],
    ] as const);
    const administeredMs =
      outcome === 'given' || outcome === 'error'
        ? Math.min(
            worked.endMs,
            scheduledMs + Math.round(rnd.logNormal(10 * speed(skill, 0.4), 0.8) * MINUTE),
          )
        : undefined;
    ctx.log.emit('care', 'medication', ids.next('MED'), administeredMs ?? scheduledMs + HOUR, {
      administered_by: s.worker.id,
      client_id: s.clientId,
      scheduled_at: iso(scheduledMs),
      administered_at: administeredMs === undefined ? undefined : iso(administeredMs),
      outcome,
    });
  }
}

/** An incident during the shift: reported (mostly within hours), investigated, closed. */
function incident(
  ctx: SimContext,
  rnd: Random,
  ids: ReturnType<typeof counters>,
  s: Shift,
  worked: { startMs: number; endMs: number },
): void {
  const { skill } = s.worker;
  const category = rnd.weighted(INCIDENT_CATEGORIES);
  const reportable = rnd.chance(REPORTABLE[category]);
  const occurredMs = worked.startMs + Math.floor(rnd.next() * (worked.endMs - worked.startMs));
  const reportedMs = occurredMs + Math.round(rnd.logNormal(2 * speed(skill, 0.5), 1.1) * HOUR);
  const colleague = rnd.chance(0.3) ? colleagueOf(ctx.org, s, occurredMs, rnd) : undefined;
  const state: Record<string, string | boolean> = {
    occurred_at: iso(occurredMs),
    reported_at: iso(reportedMs),
    reported_by: s.worker.id,
    staff_involved: colleague ? `${s.worker.id},${colleague}` : s.worker.id,
    category,
    reportable,
    priority: reportable
      ? rnd.weighted([
          ['p1', 60],
          ['p2', 40],
        ] as const)
      : 'none',
    status: 'open',
  };
  const id = ids.next('CI');
  ctx.log.emit('care', 'incident', id, reportedMs, state);
  const investigatingMs = reportedMs + rnd.int(1, 3) * DAY;
  ctx.log.emit('care', 'incident', id, investigatingMs, { ...state, status: 'investigating' });
  const closedMs = investigatingMs + Math.round(rnd.logNormal(10 * speed(skill, 0.3), 0.6) * DAY);
  ctx.log.emit('care', 'incident', id, closedMs, { ...state, status: 'closed', closed_at: iso(closedMs) });
}

/** Another member of the worker's team employed at `ms`, if there is one. */
function colleagueOf(org: Organisation, s: Shift, ms: number, rnd: Random): string | undefined {
  const mates = org.people.filter(
    (p) =>
      p.id !== s.worker.id &&
      ROSTERS[p.roleGroup]?.client === true &&
      postAt(p, ms).teamId === s.teamId &&
      employedAt(p, ms),
  );
  return mates.length > 0 ? rnd.pick(mates).id : undefined;
}

/** Feedback about the worker after a visit: surveys, compliments and (rarer) complaints. */
function feedback(
  ctx: SimContext,
  rnd: Random,
  ids: ReturnType<typeof counters>,
  s: Shift,
  worked: { endMs: number },
): void {
  const { skill } = s.worker;
  const receivedMs = worked.endMs + rnd.int(1, 10) * DAY + rnd.int(8, 18) * HOUR;
  const about = { about_staff_id: s.worker.id, client_id: s.clientId, received_at: iso(receivedMs) };
  if (rnd.chance(0.07))
    ctx.log.emit('care', 'feedback', ids.next('FB'), receivedMs, {
      kind: 'survey',
      ...about,
      rating: rating(rnd, 4.1 + 0.35 * skill),
    });
  if (rnd.chance(clamp(0.02 + 0.01 * skill, 0.005, 0.05)))
    ctx.log.emit('care', 'feedback', ids.next('FB'), receivedMs, { kind: 'compliment', ...about });
  if (rnd.chance(clamp(0.005 - 0.004 * skill, 0.001, 0.02))) {
    const id = ids.next('FB');
    const complaint = { kind: 'complaint', ...about };
    ctx.log.emit('care', 'feedback', id, receivedMs, complaint);
    const resolvedMs = receivedMs + Math.round(rnd.logNormal(7, 0.6) * DAY);
    ctx.log.emit('care', 'feedback', id, resolvedMs, { ...complaint, resolved_at: iso(resolvedMs) });
  }
}
