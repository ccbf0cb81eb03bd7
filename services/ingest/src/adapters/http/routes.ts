import type { Express, Request } from 'express';
import type { DataSource } from 'typeorm';
import { UnavailableError, ValidationError, isRetryable } from '@scorecard/errors';
import { readIdentity } from '@scorecard/http';
import { catalogDocument } from '@scorecard/contracts';
import type { Logger } from '@scorecard/telemetry';
import type { EncodedSourcePublisher } from '../../app/accept-events';
import { receiveWebhook } from '../../app/receive-webhook';
import { transactionalAccept, transactionalAcceptEncoded } from '../postgres/transactional-accept';
import type { BatchEncoder } from '../worker/batch-encoder';
import { encodedBatchOf, readBody } from './ingest-body';
import { authenticateFreshdesk, authenticateZendesk } from './webhook-auth';

export interface IngestRouteDeps {
  ds: DataSource;
  publisher: EncodedSourcePublisher;
  /** Parses, validates and encodes event batches (a worker pool, or in-thread on one core). */
  encoder: BatchEncoder;
  logger: Logger;
  webhooks: {
    zendeskSecrets: Readonly<Record<string, string>>;
    freshdeskSecrets: Readonly<Record<string, string>>;
    replayWindowSeconds: number;
  };
  now?: () => Date;
}

const EVENTS = '/api/v1/ingest/events';
const ZENDESK = '/api/v1/ingest/webhooks/zendesk';
const FRESHDESK = '/api/v1/ingest/webhooks/freshdesk';
/** Webhook bodies are read raw (createServiceApp's `rawBodyPaths`): signatures cover the exact bytes. */
export const WEBHOOK_PATHS: readonly string[] = [ZENDESK, FRESHDESK];
/** Bodies read raw: the webhooks', and event batches', which the batch encoder parses off the main thread. */
export const RAW_BODY_PATHS: readonly string[] = [EVENTS, ...WEBHOOK_PATHS];
// The content types express.json would have parsed.
const JSON_TYPES = ['application/json', 'application/*+json'];

/** Broker or database trouble: nothing was kept, so the sender can safely retry. */
function unavailable(err: unknown): unknown {
  return isRetryable(err) || (err as { name?: string }).name?.startsWith('KafkaJS')
    ? new UnavailableError('The event log is unavailable; nothing was accepted, retry the batch')
    : err;
}

function jsonOf(raw: unknown): unknown {
  try {
    return JSON.parse(Buffer.isBuffer(raw) ? raw.toString('utf8') : '') as unknown;
  } catch {
    throw new ValidationError([{ path: '', message: 'must be JSON' }], 'The webhook body is not JSON');
  }
}

export function ingestRoutes(deps: IngestRouteDeps) {
  const accept = transactionalAccept(deps.ds, deps.publisher);
  const acceptEncoded = transactionalAcceptEncoded(deps.ds, deps.publisher);
  const now = deps.now ?? (() => new Date());
  return (app: Express) => {
    app.get('/api/v1/ingest/catalog', (_req, res) => {
      res.json(catalogDocument());
    });

    app.post(EVENTS, async (req, res) => {
      const body = Buffer.isBuffer(req.body) && req.is(JSON_TYPES) ? req.body : undefined;
      let tenantId: string;
      try {
        tenantId = readIdentity(req).tenantId;
      } catch (err) {
        // As when express parsed the body before the route: malformed JSON and NUL come first.
        const read = readBody(body);
        if ('kind' in read) encodedBatchOf(read);
        throw err;
      }
      const batch = encodedBatchOf(
        await deps.encoder.encode({ body, tenantId, ingestedAt: now().toISOString() }),
      );
      try {
        res.status(202).json(await acceptEncoded(tenantId, batch));
      } catch (err) {
        deps.logger.warn({ err, events: batch.total }, 'batch not accepted');
        throw unavailable(err);
      }
    });

    // Webhooks carry no bearer identity (the gateway forwards them without one): the signature
    // or credential authenticates the sender and names the tenant.
    app.post(ZENDESK, async (req: Request, res) => {
      const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const tenantId = authenticateZendesk(deps.webhooks.zendeskSecrets, (h) => req.header(h), body, {
        now: now(),
        windowSeconds: deps.webhooks.replayWindowSeconds,
      });
      try {
        res.status(202).json(await receiveWebhook(accept, 'zendesk', tenantId, jsonOf(body)));
      } catch (err) {
        throw unavailable(err);
      }
    });

    app.post(FRESHDESK, async (req: Request, res) => {
      const tenantId = authenticateFreshdesk(deps.webhooks.freshdeskSecrets, req.header('authorization'));
      try {
        res.status(202).json(await receiveWebhook(accept, 'freshdesk', tenantId, jsonOf(req.body)));
      } catch (err) {
        throw unavailable(err);
      }
    });
  };
}
