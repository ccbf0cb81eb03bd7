import { DAY } from './calendar';
import { clamp, type SimContext } from './context';
import { iso } from './event-log';
import { employedAt, type Person } from './organisation';
import type { Random } from './random';
import { inCareWorkforce } from './care';

interface Module {
  id: string;
  /** Months a completion stays current; undefined: done once (at induction). */
  validMonths: number | undefined;
  mandatory: boolean;
  applies: (p: Person, atMs: number) => boolean;
}

const MONTH = 30.4 * DAY;
const everyone = () => true;
const care = (p: Person, ms: number) => inCareWorkforce(p, ms);
const MEDICATION_ROLES = new Set([
  'support_workers',
  'personal_care_workers',
  'registered_nurses',
  'enrolled_nurses',
]);

/** The learning catalogue: organisation-wide compliance, care mandatory training and a few electives. */
const MODULES: readonly Module[] = [
  { id: 'induction', validMonths: undefined, mandatory: true, applies: everyone },
  { id: 'code-of-conduct', validMonths: 12, mandatory: true, applies: everyone },
  { id: 'fire-safety', validMonths: 12, mandatory: true, applies: everyone },
  { id: 'privacy-data-protection', validMonths: 24, mandatory: true, applies: everyone },
  { id: 'infection-control', validMonths: 12, mandatory: true, applies: care },
  { id: 'manual-handling', validMonths: 12, mandatory: true, applies: care },
  { id: 'first-aid-cpr', validMonths: 12, mandatory: true, applies: care },
  { id: 'safeguarding', validMonths: 24, mandatory: true, applies: care },
  {
    id: 'medication-competency',
    validMonths: 12,
    mandatory: true,
    applies: (p, ms) => care(p, ms) && MEDICATION_ROLES.has(p.roleGroup),
  },
  { id: 'dementia-care', validMonths: undefined, mandatory: false, applies: care },
  {
    id: 'leadership-essentials',
    validMonths: undefined,
    mandatory: false,
    applies: (p) => p.roleGroup === 'team_leaders',
  },
];

/**
 * Training records from the learning system: each person's last completion of every module that
 * applies to them, then the renewals falling due — assigned six weeks ahead, mostly completed
 * before the due date (late or never more often for the struggling), expiring again after the
 * module's validity. New hires get every module due four weeks after starting.
 */
export function simulateTraining(ctx: SimContext, rnd: Random): void {
  for (const person of ctx.org.people) {
    for (const module of MODULES) {
      if (!module.applies(person, ctx.startMs)) continue;
      trainingHistory(ctx, rnd, person, module);
    }
  }
}

function trainingHistory(ctx: SimContext, rnd: Random, p: Person, m: Module): void {
  const log = (n: number, atMs: number, data: Record<string, string | boolean | undefined>) =>
    ctx.log.emit('learning', 'training_record', `TR-${p.id}-${m.id}-${n}`, atMs, {
      employee_id: p.id,
      module: m.id,
      mandatory: m.mandatory,
      ...data,
    });
  const newHire = p.hiredMs >= ctx.startMs;
  let n = 0;
  let dueMs: number;
  if (newHire) dueMs = p.hiredMs + 28 * DAY;
  else if (!m.mandatory) {
    // An elective some take up during the window.
    if (!rnd.chance(0.3)) return;
    dueMs = ctx.startMs + Math.floor(rnd.next() * (ctx.endMs - ctx.startMs)) + 60 * DAY;
  } else {
    // Done at induction if it never lapses; otherwise last completed within its validity.
    const validMs = m.validMonths === undefined ? undefined : m.validMonths * MONTH;
    const sinceHire = p.hiredMs + rnd.int(3, 27) * DAY;
    const doneMs =
      validMs === undefined ? sinceHire : Math.max(sinceHire, ctx.startMs - Math.floor(rnd.next() * validMs));
    const expiresMs = validMs === undefined ? undefined : doneMs + validMs;
    log(++n, doneMs, {
      due_at: iso(doneMs + rnd.int(1, 30) * DAY),
      completed_at: iso(doneMs),
      expires_at: expiresMs === undefined ? undefined : iso(expiresMs),
    });
    if (expiresMs === undefined) return;
    dueMs = expiresMs;
  }
  // Renewals due up to a month past the window are already assigned.
  while (dueMs < ctx.endMs + 30 * DAY) {
    const assignedMs = Math.max(p.hiredMs, dueMs - 45 * DAY);
    if (!employedAt(p, assignedMs)) return;
    const record = { due_at: iso(dueMs) };
    log(++n, assignedMs, record);
    if (rnd.chance(clamp(0.03 - 0.03 * p.skill, 0.005, 0.15))) return; // never done
    const late = rnd.chance(clamp(0.1 - 0.08 * p.skill, 0.02, 0.4));
    const completedMs = late
      ? dueMs + Math.round(rnd.logNormal(10, 0.7) * DAY)
      : Math.max(assignedMs + DAY, dueMs - rnd.int(1, 40) * DAY);
    if (!employedAt(p, completedMs)) return;
    const expiresMs = m.validMonths === undefined ? undefined : completedMs + m.validMonths * MONTH;
    log(n, completedMs, {
      ...record,
      completed_at: iso(completedMs),
      expires_at: expiresMs === undefined ? undefined : iso(expiresMs),
    });
    if (expiresMs === undefined) return;
    dueMs = expiresMs;
  }
}
