import type { EntityManager } from 'typeorm';
import type { ConsumedMessage } from '@scorecard/kafka';
import { sourceEventData, type SourceDomain } from '@scorecard/contracts';
import { traceHeaders } from '@scorecard/telemetry';
import { factLinks } from '../domain/fact-links';
import {
  markDirtyForRecords,
  refreshValidity,
  storeFacts,
  type SourceFact,
} from '../adapters/postgres/facts-store';
import { refreshPeople } from '../adapters/postgres/people-store';
import { lockPeopleAndPeriods } from '../adapters/postgres/periods-store';
import { openPeriodsForFacts, type PeriodBackfill } from './open-periods-for-facts';

type SourceTopic = `scorecard.source.${SourceDomain}.v1`;

/**
 * Consumes a batch of source events in the consumer's transaction (with the dedupe records): every
 * version becomes a fact, validity intervals of the touched records are recomputed from all their
 * versions (so duplicates and out-of-order versions give the same facts), HR employee changes
 * refresh the people read model, and every (employee, open period) the change can affect is
 * marked dirty for the incremental recompute. With `backfill`, work in a recent past period opens
 * that period first (open-periods-for-facts).
 */
export async function recordSourceEvents(
  messages: readonly ConsumedMessage<SourceTopic>[],
  em: EntityManager,
  backfill?: PeriodBackfill,
): Promise<void> {
  const facts: SourceFact[] = messages.map((msg) => {
    const env = msg.value;
    const { op, data, extra } = sourceEventData(env);
    return {
      tenantId: env.tenantId,
      source: env.source,
      entity: env.entity,
      entityId: env.id,
      version: env.version,
      op,
      occurredAt: env.occurredAt,
      data: { ...extra, ...data },
      eventId: msg.eventId,
      links: op === 'delete' ? [] : factLinks(env.source, env.entity, data),
    };
  });
  await recordFacts(em, facts, backfill);
}

/** Stores facts and keeps everything derived from them in step (the consumer's unit of work). */
export async function recordFacts(
  em: EntityManager,
  facts: readonly SourceFact[],
  backfill?: PeriodBackfill,
): Promise<void> {
  const changed = await storeFacts(em, facts);
  if (changed.length === 0) return;
  if (backfill) await openPeriodsForFacts(em, facts, backfill);
  await refreshValidity(em, changed);
  const employees = new Map<string, string[]>();
  for (const k of changed)
    if (k.source === 'hr' && k.entity === 'employee')
      employees.set(k.tenantId, [...(employees.get(k.tenantId) ?? []), k.entityId]);
  for (const [tenantId, ids] of employees) await refreshPeople(em, tenantId, ids);
  // New people against periods being created right now: see lockPeopleAndPeriods.
  if (employees.size > 0) await lockPeopleAndPeriods(em, [...employees.keys()], 'shared');
  await markDirtyForRecords(em, changed, traceHeaders()['traceparent'] ?? null);
}
