import { randomUUID } from 'node:crypto';
import { buildSourceEvent, type SourceEventRecord } from '@scorecard/contracts';
import { identityKey, resolveVersion, type ResolvedEvent } from '../domain/ingest-batch';
import type { IngestEvent } from '@scorecard/contracts';

/** Claims event identities inside a unit of work; returns the keys that were new. */
export interface AcceptedEventClaims {
  claim(tenantId: string, events: readonly { ev: ResolvedEvent; eventId: string }[]): Promise<Set<string>>;
}

/** Publishes to Kafka and resolves only after the broker acknowledged every record (acks=all). */
export interface SourcePublisher {
  publish(records: readonly SourceEventRecord[]): Promise<void>;
}

/** Runs `fn` atomically: claims commit only if `fn` (including the publish) succeeds. */
export type UnitOfWork = <T>(fn: (claims: AcceptedEventClaims) => Promise<T>) => Promise<T>;

export interface AcceptResult {
  accepted: number;
  duplicates: number;
}

/**
 * Accepts a validated batch: claims each event's identity and publishes the new ones in one unit
 * of work. If the broker fails, the claims roll back and the caller gets an error to retry with,
 * so nothing is half-accepted; a retry after success reports duplicates instead of republishing.
 */
export async function acceptEvents(
  deps: { unitOfWork: UnitOfWork; publisher: SourcePublisher; now?: () => Date },
  tenantId: string,
  events: readonly IngestEvent[],
): Promise<AcceptResult> {
  const ingestedAt = (deps.now?.() ?? new Date()).toISOString();
  // The same identity twice within one batch counts once.
  const unique = new Map<string, { ev: ResolvedEvent; eventId: string }>();
  for (const raw of events) {
    const ev = resolveVersion(raw);
    const key = identityKey(tenantId, ev);
    if (!unique.has(key)) unique.set(key, { ev, eventId: randomUUID() });
  }
  return deps.unitOfWork(async (claims) => {
    const fresh = await claims.claim(tenantId, [...unique.values()]);
    const records = [...unique.entries()]
      .filter(([key]) => fresh.has(key))
      .map(([, { ev, eventId }]) =>
        buildSourceEvent({ tenantId, eventId, ingestedAt, event: { ...ev, version: ev.version } }),
      );
    if (records.length > 0) await deps.publisher.publish(records);
    return { accepted: records.length, duplicates: events.length - records.length };
  });
}
