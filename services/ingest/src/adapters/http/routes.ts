import type { Express } from 'express';
import type { DataSource } from 'typeorm';
import { UnavailableError, isRetryable } from '@scorecard/errors';
import { parseWith, readIdentity } from '@scorecard/http';
import { inTransaction } from '@scorecard/db';
import { catalogDocument } from '@scorecard/contracts';
import type { Logger } from '@scorecard/telemetry';
import { ingestBatchSchema } from '../../domain/ingest-batch';
import { acceptEvents, type SourcePublisher } from '../../app/accept-events';
import { acceptedEventClaims } from '../postgres/accepted-event-claims';

export function ingestRoutes(deps: { ds: DataSource; publisher: SourcePublisher; logger: Logger }) {
  return (app: Express) => {
    app.get('/api/v1/ingest/catalog', (_req, res) => {
      res.json(catalogDocument());
    });

    app.post('/api/v1/ingest/events', async (req, res) => {
      const who = readIdentity(req);
      const batch = parseWith(ingestBatchSchema, req.body);
      try {
        const result = await acceptEvents(
          {
            unitOfWork: (fn) => inTransaction(deps.ds, (em) => fn(acceptedEventClaims(em))),
            publisher: deps.publisher,
          },
          who.tenantId,
          batch.events,
        );
        res.status(202).json(result);
      } catch (err) {
        // Broker or database trouble: nothing was kept, so the client can safely retry.
        deps.logger.warn({ err, events: batch.events.length }, 'batch not accepted');
        if (isRetryable(err) || (err as { name?: string }).name?.startsWith('KafkaJS')) {
          throw new UnavailableError('The event log is unavailable; nothing was accepted, retry the batch');
        }
        throw err;
      }
    });
  };
}
