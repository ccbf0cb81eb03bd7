import { createHash } from 'node:crypto';
import { buildSourceEvent, type SourceEventRecord } from '@scorecard/contracts';
import { identityKey, resolveVersion, type EventIdentity, type ResolvedEvent } from '../domain/ingest-batch';
import type { IngestEvent } from '@scorecard/contracts';

/**
 * Claims event identities inside a unit of work; returns the event ids that were new. Events are
 * claimed by their event id, which is derived from the identity (`eventIdOf`).
 */
export interface AcceptedEventClaims {
  claim(tenantId: string, events: readonly { ev: EventIdentity; eventId: string }[]): Promise<Set<string>>;
}

/** Publishes to Kafka and resolves only after the broker acknowledged every record (acks=all). */
export interface SourcePublisher {
  publish(records: readonly SourceEventRecord[]): Promise<void>;
  /**
   * Optional: starts encoding `records` now; `send(keep)` publishes those whose index `keep`
   * accepts (resolving after acks=all), `cancel()` none. Lets encoding overlap the claim.
   */
  prepare?(records: readonly SourceEventRecord[]): {
    send(keep: (index: number) => boolean): Promise<void>;
    cancel(): void;
  };
  /**
   * Optional: publishes records already encoded (by the batch encoder, possibly in a worker
   * thread) with the standard headers, resolving after acks=all.
   */
  sendEncoded?(tenantId: string, records: readonly EncodedRecord[]): Promise<void>;
}

/** A publisher that also takes records already encoded (what the HTTP batch path needs). */
export type EncodedSourcePublisher = SourcePublisher & Required<Pick<SourcePublisher, 'sendEncoded'>>;

/** A source event's Kafka record, its value already in the Confluent wire format. */
export interface EncodedRecord {
  topic: SourceEventRecord['topic'];
  key: string;
  value: Buffer;
  eventId: string;
}

/** Runs `fn` atomically: claims commit only if `fn` (including the publish) succeeds. */
export type UnitOfWork = <T>(fn: (claims: AcceptedEventClaims) => Promise<T>) => Promise<T>;

/**
 * The event id is a hash of the event's identity (a version-8 UUID), not a random one: if the
 * broker acknowledged a publish whose transaction then failed, the retry republishes under the
 * same id, and consumers (which dedupe by event id) still see the event once.
 */
export function eventIdOf(identity: string): string {
  const h = createHash('sha256').update(identity).digest();
  h[6] = ((h[6] ?? 0) & 0x0f) | 0x80;
  h[8] = ((h[8] ?? 0) & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** The batch's events with their ids, each identity once (the same identity twice counts once). */
export function uniqueEvents(
  tenantId: string,
  events: readonly IngestEvent[],
): { ev: ResolvedEvent; eventId: string }[] {
  const unique = new Map<string, { ev: ResolvedEvent; eventId: string }>();
  for (const raw of events) {
    const ev = resolveVersion(raw);
    const eventId = eventIdOf(identityKey(tenantId, ev));
    if (!unique.has(eventId)) unique.set(eventId, { ev, eventId });
  }
  return [...unique.values()];
}

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
  const entries = uniqueEvents(tenantId, events);
  const build = ({ ev, eventId }: (typeof entries)[number]) =>
    buildSourceEvent({ tenantId, eventId, ingestedAt, event: ev });
  return deps.unitOfWork(async (claims) => {
    const claimed = claims.claim(tenantId, entries);
    claimed.catch(() => undefined); // awaited below; not an unhandled rejection meanwhile
    if (deps.publisher.prepare) {
      // Encode every event while Postgres claims them (a repeat is rare: encoding it is cheaper
      // than waiting), then send only the fresh ones. The claim's query is on its way first.
      await new Promise<void>((resolve) => setImmediate(resolve));
      const prepared = deps.publisher.prepare(entries.map(build));
      let fresh: Set<string>;
      try {
        fresh = await claimed;
      } catch (err) {
        prepared.cancel();
        throw err;
      }
      const keep = entries.map(({ eventId }) => fresh.has(eventId));
      const accepted = keep.filter(Boolean).length;
      if (accepted > 0) await prepared.send((i) => keep[i] === true);
      else prepared.cancel();
      return { accepted, duplicates: events.length - accepted };
    }
    const fresh = await claimed;
    const records = entries.filter(({ eventId }) => fresh.has(eventId)).map(build);
    if (records.length > 0) await deps.publisher.publish(records);
    return { accepted: records.length, duplicates: events.length - records.length };
  });
}

/** A validated batch already encoded: its unique events (identity, id, record) and the request's count. */
export interface EncodedBatch {
  /** Events in the request, repeats included (the rest of them are duplicates). */
  total: number;
  events: readonly { ev: EventIdentity; record: EncodedRecord }[];
}

/**
 * `acceptEvents` for a batch the batch encoder prepared: the same claim, publish of the fresh
 * ones after the claim, and commit after acks=all, with no encoding left to do here.
 */
export async function acceptEncoded(
  deps: { unitOfWork: UnitOfWork; send: (records: readonly EncodedRecord[]) => Promise<void> },
  tenantId: string,
  batch: EncodedBatch,
): Promise<AcceptResult> {
  const entries = batch.events.map(({ ev, record }) => ({ ev, eventId: record.eventId }));
  return deps.unitOfWork(async (claims) => {
    const fresh = await claims.claim(tenantId, entries);
    const records = batch.events
      .filter(({ record }) => fresh.has(record.eventId))
      .map(({ record }) => record);
    if (records.length > 0) await deps.send(records);
    return { accepted: records.length, duplicates: batch.total - records.length };
  });
}
