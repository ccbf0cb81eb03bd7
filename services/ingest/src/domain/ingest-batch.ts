import { z } from 'zod';
import { ingestEventSchema, type IngestEvent } from '@scorecard/contracts';

export const MAX_BATCH = 5_000;

/** The body of `POST /api/v1/ingest/events`; any bad event fails the whole batch (atomic). */
export const ingestBatchSchema = z
  .object({
    events: z
      .array(ingestEventSchema)
      .min(1, 'at least one event')
      .max(MAX_BATCH, `at most ${MAX_BATCH} events`),
  })
  .strict();

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

export const identityKey = (tenantId: string, ev: ResolvedEvent) =>
  `${tenantId}\u0000${ev.source}\u0000${ev.entity}\u0000${ev.id}\u0000${ev.version}`;
