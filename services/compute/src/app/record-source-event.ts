import type { EntityManager } from 'typeorm';
import type { ConsumedMessage } from '@scorecard/kafka';
import { enqueueEvent } from '@scorecard/kafka';
import { sourceEventData, type SourceDomain } from '@scorecard/contracts';
import { storeFact, ticketsClosedBy } from '../adapters/postgres/source-facts';
import { monthlyPeriodOf } from '../domain/monthly-period';

export const SCHEMA = 'compute';
type SourceTopic = `scorecard.source.${SourceDomain}.v1`;

/**
 * Stores a source event as a fact and, for a closed ticket, republishes its assignee's provisional
 * score for that month — in the consumer's transaction, so the fact, the dedupe record and the
 * outgoing event commit together. (Walking skeleton: the score is the count of tickets closed;
 * binding evaluation and scoring through @scorecard/scoring replace it.)
 */
export async function recordSourceEvent(
  msg: ConsumedMessage<SourceTopic>,
  em: EntityManager,
  now: () => Date = () => new Date(),
): Promise<void> {
  const env = msg.value;
  const { op, data, extra } = sourceEventData(env);
  const stored = await storeFact(em, {
    tenantId: env.tenantId,
    source: env.source,
    entity: env.entity,
    entityId: env.id,
    version: env.version,
    op,
    occurredAt: env.occurredAt,
    data: { ...extra, ...data },
    eventId: msg.eventId,
  });
  if (!stored || env.entity !== 'ticket') return;
  const owner = data['assigned_to'];
  const closedAt = data['closed_at'];
  if (typeof owner !== 'string' || typeof closedAt !== 'string') return;

  const period = monthlyPeriodOf(new Date(closedAt));
  const closed = await ticketsClosedBy(em, env.tenantId, owner, period.start, period.end);
  await enqueueEvent(em, SCHEMA, {
    topic: 'scorecard.score.computed.v1',
    key: owner,
    tenantId: env.tenantId,
    message: {
      tenantId: env.tenantId,
      employeeId: owner,
      period,
      status: 1, // provisional
      totalScore: closed,
      ratingBand: '',
      kras: [],
      computedAt: now().toISOString(),
    },
  });
}
