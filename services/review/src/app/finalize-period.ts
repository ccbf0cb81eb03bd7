import type { DataSource, EntityManager } from 'typeorm';
import { LearningRecommendation_Kind, ReviewChanged_Change } from '@scorecard/contracts';
import { inTransaction } from '@scorecard/db';
import { ConflictError, ForbiddenError, NotFoundError } from '@scorecard/errors';
import type { Identity } from '@scorecard/http';
import { enqueueEvent } from '@scorecard/kafka';
import {
  evaluateBonus,
  evaluateTriggers,
  periodOutcome,
  type BonusDecision,
  type BonusPolicy,
  type TriggerRule,
} from '@scorecard/scoring';
import { actorId } from '../domain/access';
import { asBonusPolicy, asTriggerRule, bonusSubject } from '../domain/finalization';
import { appendAudit } from '../adapters/postgres/audit-store';
import { findPerson } from '../adapters/postgres/people-store';
import {
  activePips,
  enqueueWebhook,
  finalizeScorecards,
  isFinalized,
  lockPeriod,
  recordPip,
} from '../adapters/postgres/period-store';
import { registryEntities, type RegistryEntity } from '../adapters/postgres/registry-store';
import { finalHistory, listScorecards, type ScorecardRow } from '../adapters/postgres/scorecard-store';
import { notify, publishReviewChanged, SCHEMA } from './publish';

export interface FinalizeOptions {
  /** Outgoing webhook endpoints told about the finalization (signed when delivered). */
  webhookUrls: readonly string[];
  now?: () => Date;
}

/**
 * HR or exec finalize a period, all in one transaction: the period lock, every scorecard frozen
 * (the database refuses later changes), then per person the bonus decision to payroll, training
 * and PIP recommendations to learning, notifications, and webhooks — so either all of it happens
 * or none of it.
 */
export async function finalizePeriod(ds: DataSource, who: Identity, periodId: string, opts: FinalizeOptions) {
  if (!who.roles.includes('hr') && !who.roles.includes('exec'))
    throw new ForbiddenError('Only HR or exec finalize a period');
  const now = (opts.now ?? (() => new Date()))();
  const by = actorId(who);
  return inTransaction(ds, async (em) => {
    if (await isFinalized(em, who.tenantId, periodId))
      throw new ConflictError(`Period ${periodId} is already finalized`);
    const cards = await listScorecards(em, { tenantId: who.tenantId, periodId, limit: 1_000_000 });
    const first = cards[0];
    if (first === undefined) throw new NotFoundError(`No scorecards for period ${periodId}`);
    if (
      !(await lockPeriod(em, {
        tenantId: who.tenantId,
        periodId,
        start: first.period_start,
        end: first.period_end,
        frequency: first.frequency,
        by,
        count: cards.length,
      }))
    )
      throw new ConflictError(`Period ${periodId} is already finalized`);
    const frozen = await finalizeScorecards(em, who.tenantId, periodId, by);
    const previous = new Map(frozen.map((f) => [f.id, f.previous_status]));

    const policy = (await registryEntities(em, who.tenantId, 'bonus_policy', { activeOnly: true }))[0];
    const rules = (await registryEntities(em, who.tenantId, 'trigger_rule', { activeOnly: true }))
      .map((r) => asTriggerRule(r.entity_id, r.state))
      .filter((r): r is TriggerRule => r !== null);
    const tips = await coachingTips(em, who.tenantId);
    const pips = await activePips(
      em,
      who.tenantId,
      cards.map((c) => c.employee_id),
    );

    const summary = { eligible: 0, not_eligible: 0, training: 0, pip: 0 };
    const bonuses: Record<string, unknown>[] = [];
    for (const card of cards) {
      const final = { ...card, status: 'final' as const };
      await appendAudit(em, {
        tenantId: who.tenantId,
        actor: by,
        action: 'scorecard.finalize',
        entityType: 'scorecard',
        entityId: card.id,
        before: { status: previous.get(card.id) },
        after: { status: 'final' },
      });
      await publishReviewChanged(em, final, {
        change: ReviewChanged_Change.FINALIZED,
        previousStatus: previous.get(card.id) ?? card.status,
        actorId: by,
        changedAt: now.toISOString(),
      });
      const bonus = await emitBonus(em, final, policy, pips.has(card.employee_id), now);
      summary[bonus.eligible ? 'eligible' : 'not_eligible'] += 1;
      bonuses.push({
        employee_id: card.employee_id,
        eligible: bonus.eligible,
        factor: bonus.factor,
        failed_gates: bonus.failed_gates.map((g) => g.gate),
      });
      const fired = await emitRecommendations(em, final, rules, tips, now);
      summary.training += fired.training;
      summary.pip += fired.pip;
      await notify(em, {
        tenantId: who.tenantId,
        userId: card.employee_id,
        kind: 'period_finalized',
        title: 'Your scorecard is final',
        body: `Your scorecard for ${periodId} has been finalized.`,
        link: `/me/scorecards/${periodId}`,
        at: now,
        data: { period_id: periodId },
      });
    }
    await enqueueEvent(em, SCHEMA, {
      topic: 'scorecard.period.finalized.v1',
      key: periodId,
      tenantId: who.tenantId,
      message: {
        tenantId: who.tenantId,
        period: {
          id: periodId,
          start: first.period_start.toISOString(),
          end: first.period_end.toISOString(),
          frequency: first.frequency,
          timezone: 'UTC',
        },
        finalizedAt: now.toISOString(),
        finalizedBy: by,
        scorecardCount: cards.length,
      },
    });
    await appendAudit(em, {
      tenantId: who.tenantId,
      actor: by,
      action: 'period.finalize',
      entityType: 'period',
      entityId: periodId,
      after: { scorecard_count: cards.length, ...summary },
    });
    const body = {
      event: 'period.finalized',
      tenant_id: who.tenantId,
      period_id: periodId,
      finalized_at: now.toISOString(),
      finalized_by: by,
      scorecard_count: cards.length,
      bonuses,
    };
    for (const url of opts.webhookUrls)
      await enqueueWebhook(em, { tenantId: who.tenantId, url, event: 'period.finalized', body });
    return {
      period_id: periodId,
      status: 'finalized',
      finalized_at: now.toISOString(),
      finalized_by: by,
      scorecard_count: cards.length,
      ...summary,
    };
  });
}

async function emitBonus(
  em: EntityManager,
  card: ScorecardRow,
  policy: RegistryEntity | undefined,
  activePip: boolean,
  now: Date,
): Promise<BonusDecision> {
  const usable: BonusPolicy | null = policy === undefined ? null : asBonusPolicy(policy.state);
  const person = await findPerson(em, card.tenant_id, card.employee_id);
  const decision: BonusDecision =
    usable === null
      ? {
          eligible: false,
          factor: 0,
          band: null,
          total_score: card.total_score,
          failed_gates: [],
          checked_gates: [],
        }
      : evaluateBonus(
          usable,
          bonusSubject(card.result, card.computed, {
            activePip,
            hiredAt: person?.hired_at ?? null,
            periodEnd: card.period_end,
          }),
        );
  const failed: { gate: string; detail: string }[] = decision.failed_gates.map((g) => ({
    gate: g.gate,
    detail: g.message,
  }));
  // Without an active policy nobody is eligible, and the message says why instead of looking like a 0 band.
  if (usable === null) failed.push({ gate: 'policy', detail: 'no active bonus policy' });
  await enqueueEvent(em, SCHEMA, {
    topic: 'scorecard.payroll.bonus.v1',
    key: card.employee_id,
    tenantId: card.tenant_id,
    message: {
      tenantId: card.tenant_id,
      employeeId: card.employee_id,
      period: {
        id: card.period_id,
        start: card.period_start.toISOString(),
        end: card.period_end.toISOString(),
        frequency: card.frequency,
      },
      eligible: decision.eligible,
      factor: decision.factor,
      ...(card.total_score === null ? {} : { totalScore: card.total_score }),
      ratingBand: card.rating_band ?? '',
      failedGates: failed,
      ...(policy === undefined ? {} : { policy: { id: policy.entity_id, version: policy.version } }),
      decidedAt: now.toISOString(),
    },
  });
  return decision;
}

async function emitRecommendations(
  em: EntityManager,
  card: ScorecardRow,
  rules: readonly TriggerRule[],
  tips: Map<string, { id: string; name: string; category: string; tips: string[] }>,
  now: Date,
): Promise<{ training: number; pip: number }> {
  const out = { training: 0, pip: 0 };
  if (rules.length === 0) return out;
  const history = (await finalHistory(em, card.tenant_id, card.employee_id)).map((h) =>
    periodOutcome(h.period_id, h.result, (slug) => tips.get(slug)?.tips),
  );
  for (const rec of evaluateTriggers(rules, history)) {
    const kpi = rec.kind === 'training' ? tips.get(rec.kpi_slug) : undefined;
    const latest =
      rec.kind === 'training'
        ? history.at(-1)?.kpis.find((k) => k.slug === rec.kpi_slug)?.score
        : card.total_score;
    await enqueueEvent(em, SCHEMA, {
      topic: 'scorecard.learning.recommendation.v1',
      key: card.employee_id,
      tenantId: card.tenant_id,
      message: {
        tenantId: card.tenant_id,
        employeeId: card.employee_id,
        periodId: card.period_id,
        kind:
          rec.kind === 'training' ? LearningRecommendation_Kind.TRAINING : LearningRecommendation_Kind.PIP,
        ...(rec.kind === 'training'
          ? {
              kpi: {
                id: kpi?.id ?? '',
                slug: rec.kpi_slug,
                name: kpi?.name ?? rec.kpi_slug,
                category: rec.category,
              },
            }
          : {}),
        reason: rec.reason,
        coachingTips: rec.kind === 'training' ? rec.coaching_tips : [],
        consecutivePeriods: rec.periods.length,
        triggerRuleId: rec.rule_id,
        ...(latest === null || latest === undefined ? {} : { latestScore: latest }),
        createdAt: now.toISOString(),
      },
    });
    out[rec.kind] += 1;
    if (rec.kind === 'pip')
      await recordPip(em, {
        tenantId: card.tenant_id,
        employeeId: card.employee_id,
        periodId: card.period_id,
        ruleId: rec.rule_id,
        reason: rec.reason,
      });
  }
  return out;
}

/** KPI id, name, category and coaching tips by slug (trigger rules and results speak in slugs). */
async function coachingTips(em: EntityManager, tenantId: string) {
  const out = new Map<string, { id: string; name: string; category: string; tips: string[] }>();
  for (const k of await registryEntities(em, tenantId, 'kpi')) {
    const slug = k.state['slug'];
    if (typeof slug !== 'string') continue;
    const tips = k.state['coaching_tips'];
    out.set(slug, {
      id: k.entity_id,
      name: typeof k.state['name'] === 'string' ? k.state['name'] : slug,
      category: typeof k.state['category'] === 'string' ? k.state['category'] : '',
      tips: Array.isArray(tips) ? tips.filter((t): t is string => typeof t === 'string') : [],
    });
  }
  return out;
}
