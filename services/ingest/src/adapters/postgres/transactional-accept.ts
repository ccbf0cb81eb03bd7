import type { DataSource, EntityManager } from 'typeorm';
import type { IngestEvent } from '@scorecard/contracts';
import { inTransaction } from '@scorecard/db';
import {
  acceptEncoded,
  acceptEvents,
  type AcceptResult,
  type EncodedBatch,
  type EncodedSourcePublisher,
  type SourcePublisher,
} from '../../app/accept-events';
import { acceptedEventClaims } from './accepted-event-claims';

export type Accept = (tenantId: string, events: readonly IngestEvent[]) => Promise<AcceptResult>;

/**
 * The one accept path (HTTP batches, webhooks, CDC, polling): claims and publish in one
 * transaction. `alsoInTransaction` lets a connector commit its progress with the claims.
 */
export function transactionalAccept(
  ds: DataSource,
  publisher: SourcePublisher,
  alsoInTransaction?: (em: EntityManager) => Promise<void>,
): Accept {
  return (tenantId, events) =>
    acceptEvents(
      {
        unitOfWork: (fn) =>
          inTransaction(ds, async (em) => {
            // Progress first: the publish is the last step, so any failure rolls everything back.
            await alsoInTransaction?.(em);
            return fn(acceptedEventClaims(em));
          }),
        publisher,
      },
      tenantId,
      events,
    );
}

/** `transactionalAccept` for a batch the batch encoder already encoded (HTTP event batches). */
export function transactionalAcceptEncoded(
  ds: DataSource,
  publisher: Pick<EncodedSourcePublisher, 'sendEncoded'>,
): (tenantId: string, batch: EncodedBatch) => Promise<AcceptResult> {
  return (tenantId, batch) =>
    acceptEncoded(
      {
        unitOfWork: (fn) => inTransaction(ds, (em) => fn(acceptedEventClaims(em))),
        send: (records) => publisher.sendEncoded(tenantId, records),
      },
      tenantId,
      batch,
    );
}
