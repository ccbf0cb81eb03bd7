import { z } from 'zod';
import { ingestEventSchema } from '@scorecard/contracts';
import { jsonObject } from './common';
import type { ApiOperation } from './operation';

export const MAX_INGEST_BATCH = 5_000;

/** The body of `POST /api/v1/ingest/events`; any bad event fails the whole batch (atomic). */
export const ingestBatchSchema = z
  .object({
    events: z
      .array(ingestEventSchema)
      .min(1, 'at least one event')
      .max(MAX_INGEST_BATCH, `at most ${MAX_INGEST_BATCH} events`),
  })
  .strict();

const accepted = z.object({ accepted: z.number().int(), duplicates: z.number().int() });
const tag = 'ingest';

export const ingestOperations: readonly ApiOperation[] = [
  { method: 'GET', path: '/api/v1/ingest/catalog', summary: 'The source schema catalog', tag },
  {
    method: 'POST',
    path: '/api/v1/ingest/events',
    summary: `Ingest up to ${MAX_INGEST_BATCH} source events, atomically`,
    tag,
    body: ingestBatchSchema,
    ok: { status: 202, schema: accepted },
  },
  {
    method: 'POST',
    path: '/api/v1/ingest/webhooks/zendesk',
    summary: 'Zendesk ticket webhook (HMAC-SHA256 in X-Zendesk-Webhook-Signature; no bearer token)',
    tag,
    body: jsonObject,
    ok: { status: 202, schema: accepted },
  },
  {
    method: 'POST',
    path: '/api/v1/ingest/webhooks/freshdesk',
    summary: 'Freshdesk ticket webhook (credential in Authorization; no bearer token)',
    tag,
    body: jsonObject,
    ok: { status: 202, schema: accepted },
  },
];
