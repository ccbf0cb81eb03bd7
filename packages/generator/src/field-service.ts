import { DAY, FIELD_WEEK, HOUR, MINUTE, weekday } from './calendar';
import { clamp, rating, speed, workersOn, type SimContext } from './context';
import { iso } from './event-log';
import type { Random } from './random';

const TYPES = [
  ['installation', 35],
  ['repair', 35],
  ['maintenance', 12],
  ['inspection', 5],
  ['preventive', 8],
  ['disconnection', 5],
] as const;
/** Median minutes on site by job type. */
const DURATION = {
  installation: 120,
  repair: 75,
  maintenance: 60,
  inspection: 40,
  preventive: 50,
  disconnection: 30,
} as const;
const UNABLE = [
  ['customer_absent', 35],
  ['no_access', 20],
  ['site_not_ready', 15],
  ['needs_parts', 20],
  ['unsafe', 3],
  ['other', 7],
] as const;

interface Visit {
  id: string;
  type: keyof typeof DURATION;
  scheduledMs: number;
  revisitOf?: string;
  ticketId: string;
}

/**
 * Work orders: scheduled slots, travel, arrival (punctuality and job time follow skill), and an
 * outcome — fixed first time, completed without a fix, or unable to complete — where the last two
 * bring a revisit a few days later, often by a colleague.
 */
export function simulateWorkOrders(ctx: SimContext, rnd: Random): void {
  let seq = 0;
  const nextId = () => `WO-${String(++seq).padStart(6, '0')}`;
  const revisits = new Map<number, Visit[]>();
  for (const day of ctx.days) {
    const techs = workersOn(ctx, 'field', day);
    if (techs.length === 0) continue;
    const factor = FIELD_WEEK[weekday(day)] ?? 1;
    const jobs: Visit[] = [...(revisits.get(day) ?? [])];
    revisits.delete(day);
    for (let i = 0, n = rnd.poisson(3.2 * factor * techs.length); i < n; i++) {
      jobs.push({
        id: nextId(),
        type: rnd.weighted(TYPES),
        scheduledMs: day + rnd.int(8, 16) * HOUR,
        ticketId: `TKT-FS-${seq}`,
      });
    }
    for (const job of jobs) {
      const { person: tech, teamId } = rnd.pick(techs);
      const outcome = visit(ctx, rnd, job, tech.id, tech.skill, teamId);
      if (outcome !== 'fixed') {
        const when = day + rnd.int(1, 4) * DAY;
        revisits.set(when, [
          ...(revisits.get(when) ?? []),
          {
            id: nextId(),
            type: 'repair',
            scheduledMs: when + rnd.int(8, 15) * HOUR,
            revisitOf: job.id,
            ticketId: job.ticketId,
          },
        ]);
      }
    }
  }
}

function visit(
  ctx: SimContext,
  rnd: Random,
  job: Visit,
  techId: string,
  skill: number,
  teamId: string | undefined,
): 'fixed' | 'not_fixed' | 'unable' {
  const createdMs = job.scheduledMs - Math.round(rnd.logNormal(30, 0.6) * HOUR);
  const state: Record<string, string | number | boolean | undefined> = {
    status: 'scheduled',
    type: job.type,
    priority: job.type === 'repair' ? 'high' : 'normal',
    technician_id: techId,
    team_id: teamId,
    ticket_id: job.ticketId,
    created_at: iso(createdMs),
    scheduled_at: iso(job.scheduledMs),
    estimated_duration_minutes: DURATION[job.type],
    revisit: job.revisitOf !== undefined,
    revisit_of: job.revisitOf,
  };
  let status = 'scheduled';
  const move = (to: string, atMs: number, extra: Record<string, string | number | boolean | undefined>) => {
    Object.assign(state, extra, { from_status: status, status: to, status_changed_at: iso(atMs) });
    status = to;
    ctx.log.emit('field_service', 'work_order', job.id, atMs, state);
  };
  ctx.log.emit('field_service', 'work_order', job.id, createdMs, state);
  const travelMs = job.scheduledMs - Math.round(rnd.logNormal(25, 0.4) * MINUTE);
  move('en_route', travelMs, { travel_started_at: iso(travelMs) });
  // Travel time grows for the less organised; on time means within 15 minutes of the slot.
  const arrivedMs = travelMs + Math.round(rnd.logNormal(28 * speed(skill, 0.15), 0.45) * MINUTE);
  move('on_site', arrivedMs, { arrived_at: iso(arrivedMs) });
  const startedMs = arrivedMs + rnd.int(3, 12) * MINUTE;
  const doneMs = startedMs + Math.round(rnd.logNormal(DURATION[job.type] * speed(skill, 0.2), 0.35) * MINUTE);
  const unable = rnd.chance(clamp(0.06 - 0.01 * skill, 0.02, 0.12));
  if (unable) {
    move('failed', doneMs, {
      started_at: iso(startedMs),
      outcome: 'unable_to_complete',
      unable_reason: rnd.weighted(UNABLE),
      first_time_fix: false,
    });
    return 'unable';
  }
  const fixed = job.type !== 'repair' || rnd.chance(clamp(0.83 + 0.06 * skill, 0.55, 0.97));
  move('completed', doneMs, {
    started_at: iso(startedMs),
    completed_at: iso(doneMs),
    outcome: 'complete',
    first_time_fix: fixed,
    customer_rating: rnd.chance(0.4) ? rating(rnd, 4.2 + 0.4 * skill - (fixed ? 0 : 1.2)) : undefined,
  });
  return fixed ? 'fixed' : 'not_fixed';
}
