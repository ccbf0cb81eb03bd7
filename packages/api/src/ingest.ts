import { z } from 'zod';
import { ingestEventSchema } from '@scorecard/contracts';
import { jsonObject, queryBool } from './common';
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

/** Row errors an import answer lists at most (the counts cover them all). */
export const MAX_IMPORT_ERRORS = 1_000;

const toList = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** The query of `POST /api/v1/ingest/imports/{source}/{entity}`; the body is the CSV file. */
export const importQuery = z
  .object({
    /** `column=field`, repeated; a field is a canonical field of the entity or id, occurred_at, version, deleted. */
    map: z
      .union([z.string().max(500), z.array(z.string().max(500)).max(200)])
      .optional()
      .transform(toList),
    /** A named column map for a known export (`GET /api/v1/ingest/imports/presets`). */
    preset: z.string().min(1).max(100).optional(),
    /** IANA zone of wall-clock times in the file (default UTC). */
    timezone: z.string().min(1).max(100).default('UTC'),
    /** Order of numeric dates such as 05/10/2026 (default: the preset's, else year first). */
    date_order: z.enum(['ymd', 'dmy', 'mdy']).optional(),
    /** Validate and count only; nothing is accepted. */
    dry_run: queryBool.default('false'),
    /** Import the valid rows and report the invalid ones, instead of refusing the whole file. */
    skip_invalid: queryBool.default('false'),
  })
  .strict();

const lineError = z.object({
  line: z.number().int(),
  field: z.string(),
  column: z.string().optional(),
  message: z.string(),
});

/** The answer of an import or a dry run. */
export const importReport = z.object({
  source: z.string(),
  entity: z.string(),
  dry_run: z.boolean(),
  /** Data rows read (the header is line 1). */
  rows: z.number().int(),
  valid: z.number().int(),
  invalid: z.number().int(),
  /** Events accepted now (0 in a dry run). */
  accepted: z.number().int(),
  /** A dry run: events an import would accept now. */
  would_accept: z.number().int().optional(),
  /** Rows already accepted earlier, or repeated in the file. */
  duplicates: z.number().int(),
  /** Row errors by line (at most MAX_IMPORT_ERRORS; `invalid` counts every bad row). */
  errors: z.array(lineError),
});

const importPresets = z.object({
  presets: z.array(
    z.object({
      name: z.string(),
      description: z.string(),
      source: z.string(),
      entity: z.string(),
      date_order: z.string().optional(),
      columns: z.record(z.string()),
    }),
  ),
});

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
    method: 'GET',
    path: '/api/v1/ingest/imports/presets',
    summary: 'Column maps for known exports (care rostering, incident registers, training systems)',
    tag,
    ok: { schema: importPresets },
  },
  {
    method: 'POST',
    path: '/api/v1/ingest/imports/{source}/{entity}',
    summary:
      'Import a CSV file (text/csv) as source events: the whole file is validated first; any bad row refuses it (400 naming lines[n].field) unless skip_invalid; dry_run accepts nothing',
    tag,
    query: importQuery,
    body: z.string().describe('The CSV file, with a header line'),
    bodyMediaType: 'text/csv',
    ok: { schema: importReport },
    errors: [422],
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
