import { DAY, officeTime, weekday } from './calendar';
import { type SimContext } from './context';
import { iso } from './event-log';
import { employedAt, type Person } from './organisation';
import type { Random } from './random';
import { inCareWorkforce } from './care';

/** The person's line manager at `ms` (a transfer moves them to another team's lead). */
const managerAt = (p: Person, ms: number) =>
  p.transfer && ms >= p.transfer.atMs ? p.transfer.managerId : p.managerId;

/** The next weekday on or after `dayMs`. */
const weekdayFrom = (dayMs: number) => {
  let d = dayMs;
  while (weekday(d) === 0 || weekday(d) === 6) d += DAY;
  return d;
};

/**
 * Supervision sessions held by each line manager: formal supervision in the care workforce about
 * every five weeks, catch-ups elsewhere about monthly; a manager's skill sets how well the cadence
 * holds (a struggling one lets sessions slip). Probation reviews in a new hire's first months.
 */
export function simulateSupervision(ctx: SimContext, rnd: Random): void {
  const byId = new Map(ctx.org.people.map((p) => [p.id, p]));
  let seq = 0;
  const held = (supervisor: string, supervisee: Person, kind: string, dayMs: number) => {
    const atMs = officeTime(rnd, weekdayFrom(dayMs));
    const manager = byId.get(supervisor);
    if (!manager || !employedAt(manager, atMs) || !employedAt(supervisee, atMs)) return;
    ctx.log.emit('hr', 'supervision', `SUP-${String(++seq).padStart(6, '0')}`, atMs, {
      supervisor_id: supervisor,
      supervisee_id: supervisee.id,
      held_at: iso(atMs),
      kind,
    });
  };
  for (const p of ctx.org.people) {
    if (p.managerId === undefined) continue;
    const care = inCareWorkforce(p, ctx.startMs) && p.roleGroup !== 'management';
    const kind = care ? 'supervision' : 'catch_up';
    const cadenceDays = care ? 35 : 30;
    // The first session falls somewhere in the first cycle, so teams are not all seen on one day.
    let dayMs = Math.max(p.hiredMs, ctx.startMs) + rnd.int(0, cadenceDays - 1) * DAY;
    while (dayMs < ctx.endMs) {
      dayMs -= dayMs % DAY;
      const supervisor = managerAt(p, dayMs);
      if (supervisor === undefined) break;
      held(supervisor, p, kind, dayMs);
      const manager = byId.get(supervisor);
      dayMs +=
        Math.round(cadenceDays * Math.exp(-0.25 * (manager?.skill ?? 0)) * rnd.logNormal(1, 0.2)) * DAY;
    }
    // Probation reviews one, three and five months into the job.
    for (const months of [1, 3, 5]) {
      const reviewMs = p.hiredMs + months * 30 * DAY;
      const supervisor = managerAt(p, reviewMs);
      if (reviewMs >= ctx.startMs && supervisor !== undefined)
        held(supervisor, p, 'probation_review', reviewMs - (reviewMs % DAY));
    }
  }
}
