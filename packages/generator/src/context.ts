import type { EventLog } from './event-log';
import { employedAt, postAt, type Organisation, type Person, type WorkKind } from './organisation';
import type { Random } from './random';

export interface SimContext {
  log: EventLog;
  org: Organisation;
  days: readonly number[];
  startMs: number;
  endMs: number;
}

/** Who does `kind` work on `dayMs` (employed, and posted there), with their team that day. */
export function workersOn(
  ctx: SimContext,
  kind: WorkKind,
  dayMs: number,
): { person: Person; teamId: string | undefined }[] {
  const out: { person: Person; teamId: string | undefined }[] = [];
  for (const person of ctx.org.people) {
    if (person.roleGroup === 'management' || person.roleGroup === 'team_leaders') continue;
    if (!employedAt(person, dayMs + 12 * 3_600_000)) continue;
    const post = postAt(person, dayMs);
    if (post.kind === kind) out.push({ person, teamId: post.teamId });
  }
  return out;
}

export const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/** A 1–5 rating around `mean`. */
export const rating = (rnd: Random, mean: number) => clamp(Math.round(rnd.normal(mean, 0.8)), 1, 5);

/** Skilled people are faster: a time multiplier from the skill score. */
export const speed = (skill: number, strength = 0.3) => Math.exp(-strength * skill);
