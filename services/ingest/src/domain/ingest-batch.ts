import type { IngestEvent } from '@scorecard/contracts';

// The batch body is part of the public API (@scorecard/api), validated in the HTTP adapter.
export { ingestBatchSchema, MAX_INGEST_BATCH as MAX_BATCH } from '@scorecard/api';

/** An accepted event with its identity fully resolved. */
export interface ResolvedEvent extends IngestEvent {
  version: number;
}

/**
 * Without an explicit version the event's time orders it: a later change of the same record gets
 * a higher version, and a retried identical event gets the same one (so it dedupes).
 */
export function resolveVersion(ev: IngestEvent): ResolvedEvent {
  const version = ev.version === undefined ? Date.parse(ev.occurred_at) : Number(ev.version);
  return { ...ev, version };
}

/** What identifies an accepted event (and what its claim stores). */
export type EventIdentity = Pick<ResolvedEvent, 'source' | 'entity' | 'id' | 'version'>;

export const identityKey = (tenantId: string, ev: EventIdentity) =>
  `${tenantId}\u0000${ev.source}\u0000${ev.entity}\u0000${ev.id}\u0000${ev.version}`;
