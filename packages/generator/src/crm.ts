import { DAY, HOUR, addMonths, officeTime, weekday } from './calendar';
import { clamp, workersOn, type SimContext } from './context';
import { iso } from './event-log';
import type { Random } from './random';

const STAGES = ['new', 'qualified', 'proposal', 'negotiation'] as const;
const SEGMENTS = ['home', 'sme', 'enterprise'] as const;

/**
 * Sales: deals moving through the pipeline stage by stage (drop-outs along the way, win rates
 * by skill), won deals opening accounts, and account churn, lower for skilled account managers.
 */
export function simulateCrm(ctx: SimContext, rnd: Random): void {
  let dealSeq = 0;
  let accountSeq = 0;
  const accounts: {
    id: string;
    ownerId: string;
    skill: number;
    churned: boolean;
    state: Record<string, string | number | undefined>;
  }[] = [];
  const openAccount = (ownerId: string, skill: number, atMs: number, mrr: number) => {
    const id = `ACC-${String(++accountSeq).padStart(5, '0')}`;
    const state = {
      name: `Customer ${accountSeq}`,
      status: 'active',
      owner_id: ownerId,
      activated_at: iso(atMs),
      mrr,
      segment: rnd.pick(SEGMENTS),
    };
    ctx.log.emit('crm', 'account', id, atMs, state);
    accounts.push({ id, ownerId, skill, churned: false, state });
  };
  // The book each account manager already looks after.
  for (const { person } of workersOn(ctx, 'sales', ctx.startMs)) {
    for (let i = 0; i < 25; i++)
      openAccount(
        person.id,
        person.skill,
        ctx.startMs - rnd.int(30, 900) * DAY,
        Math.round(rnd.logNormal(35_000, 0.7)),
      );
  }
  for (const day of ctx.days) {
    if (weekday(day) === 0 || weekday(day) === 6) continue;
    for (const { person } of workersOn(ctx, 'sales', day)) {
      for (let i = 0, n = rnd.poisson(0.7); i < n; i++) {
        const id = `DEAL-${String(++dealSeq).padStart(6, '0')}`;
        const createdMs = officeTime(rnd, day);
        const amount = Math.round(rnd.logNormal(350_000, 0.8) / 1000) * 1000;
        const state: Record<string, string | number | boolean | undefined> = {
          stage: 'new',
          status: 'open',
          owner_id: person.id,
          amount,
          currency: 'NGN',
          account_id: `prospect-${dealSeq}`,
          created_at: iso(createdMs),
          expected_close_at: iso(createdMs + 45 * DAY),
          probability: 10,
        };
        ctx.log.emit('crm', 'deal', id, createdMs, state);
        let t = createdMs;
        let stage: string = 'new';
        let lost = false;
        for (const [i, next] of STAGES.slice(1).entries()) {
          t += Math.round(rnd.logNormal(6, 0.6) * DAY);
          if (rnd.chance(clamp(0.22 - 0.05 * person.skill, 0.05, 0.45))) {
            lost = true;
            break;
          }
          ctx.log.emit(
            'crm',
            'deal',
            id,
            t,
            Object.assign(state, {
              from_stage: stage,
              stage: next,
              stage_changed_at: iso(t),
              probability: 25 * (i + 1),
            }),
          );
          stage = next;
        }
        t += Math.round(rnd.logNormal(7, 0.6) * DAY);
        const won = !lost && rnd.chance(clamp(0.55 + 0.1 * person.skill, 0.2, 0.85));
        const final = won ? 'won' : 'lost';
        ctx.log.emit(
          'crm',
          'deal',
          id,
          t,
          Object.assign(state, {
            from_stage: stage,
            stage: final,
            stage_changed_at: iso(t),
            status: final,
            won,
            closed_at: iso(t),
            probability: won ? 100 : 0,
            lost_reason: won ? undefined : rnd.pick(['price', 'competitor', 'no_coverage', 'timing']),
          }),
        );
        if (won && t + 2 * DAY < ctx.endMs)
          openAccount(person.id, person.skill, t + 2 * DAY, Math.round(amount / 12));
      }
    }
  }
  // Monthly churn: about 1.5% of accounts, fewer for attentive account managers.
  for (let m = addMonths(ctx.startMs, 1); m <= ctx.endMs; m = addMonths(m, 1)) {
    for (const a of accounts) {
      if (a.churned || Date.parse(String(a.state.activated_at)) >= m) continue;
      if (!rnd.chance(clamp(0.015 - 0.006 * a.skill, 0.003, 0.04))) continue;
      a.churned = true;
      const at = Math.max(
        Date.parse(String(a.state.activated_at)) + DAY,
        m - rnd.int(1, 27) * DAY - rnd.int(0, 23) * HOUR,
      );
      ctx.log.emit(
        'crm',
        'account',
        a.id,
        at,
        Object.assign(a.state, {
          status: 'cancelled',
          cancelled_at: iso(at),
          churned_at: iso(at),
          churn_reason: rnd.pick(['price', 'service_quality', 'relocation', 'competitor']),
        }),
      );
    }
  }
}
