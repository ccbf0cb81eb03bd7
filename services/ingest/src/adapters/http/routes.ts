import type { Express, Request } from 'express';
import type { DataSource } from 'typeorm';
import { importQuery } from '@scorecard/api';
import { AppError, NotFoundError, UnavailableError, ValidationError, isRetryable } from '@scorecard/errors';
import { parseWith, readIdentity } from '@scorecard/http';
import { catalogDocument, entitySpec, type SourceDomain } from '@scorecard/contracts';
import type { Logger } from '@scorecard/telemetry';
import type { EncodedSourcePublisher } from '../../app/accept-events';
import { ImportInterrupted, importCsv } from '../../app/import-csv';
import { receiveWebhook } from '../../app/receive-webhook';
import { parseColumnTarget, type ColumnTarget } from '../../domain/csv-import/column-map';
import { csvPresets, presetColumns, type CsvPreset } from '../../domain/csv-import/csv-presets';
import { isTimezone } from '../../domain/csv-import/time-reader';
import { acceptedBefore } from '../postgres/accepted-event-claims';
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
const IMPORTS = '/api/v1/ingest/imports/:source/:entity';
const ZENDESK = '/api/v1/ingest/webhooks/zendesk';
const FRESHDESK = '/api/v1/ingest/webhooks/freshdesk';
/** Webhook bodies are read raw (createServiceApp's `rawBodyPaths`): signatures cover the exact bytes. */
export const WEBHOOK_PATHS: readonly string[] = [ZENDESK, FRESHDESK];
/**
 * Bodies read raw: the webhooks', event batches' (the batch encoder parses them off the main
 * thread) and CSV imports'.
 */
export const RAW_BODY_PATHS: readonly string[] = [EVENTS, IMPORTS, ...WEBHOOK_PATHS];
// The content types express.json would have parsed.
const JSON_TYPES = ['application/json', 'application/*+json'];
// What browsers, curl and spreadsheets call a CSV upload.
const CSV_TYPES = ['text/csv', 'text/plain', 'application/csv', 'application/vnd.ms-excel'];
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The body as text: a CSV file, UTF-8, without NUL (which no column of ours can hold). */
function csvText(req: Request): string {
  if (!req.is(CSV_TYPES))
    throw new AppError('The body must be a CSV file (content-type text/csv)', 'unsupported_media_type', 415);
  const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
  let text: string;
  try {
    text = utf8.decode(body);
  } catch {
    throw new ValidationError([{ path: '(body)', message: 'must be UTF-8 text' }]);
  }
  if (text.includes('\u0000'))
    throw new ValidationError([{ path: '(body)', message: 'must not contain NUL' }]);
  return text;
}

/** An import's column map entries and preset from its query, each checked (400 naming the parameter). */
function importOptions(
  source: string,
  entity: string,
  q: { map: string[]; preset?: string | undefined; timezone: string },
) {
  const errors: { path: string; message: string }[] = [];
  const entries: ColumnTarget[] = [];
  q.map.forEach((m, i) => {
    const entry = parseColumnTarget(m);
    if (entry) entries.push(entry);
    else errors.push({ path: `map[${i}]`, message: `must be column=field, got "${m}"` });
  });
  let preset: CsvPreset | undefined;
  if (q.preset !== undefined) {
    preset = csvPresets.get(q.preset);
    if (!preset)
      errors.push({
        path: 'preset',
        message: `no preset "${q.preset}"; presets: ${[...csvPresets.keys()].join(', ')}`,
      });
    else if (preset.source !== source || preset.entity !== entity)
      errors.push({
        path: 'preset',
        message: `${q.preset} imports ${preset.source}/${preset.entity}, not ${source}/${entity}`,
      });
  }
  if (!isTimezone(q.timezone))
    errors.push({ path: 'timezone', message: `"${q.timezone}" is not an IANA time zone` });
  if (errors.length > 0) throw new ValidationError(errors);
  return { entries, ...(preset ? { preset } : {}) };
}

/** The presets as `GET /api/v1/ingest/imports/presets` lists them. */
const presetsDocument = () => ({
  presets: [...csvPresets.values()].map((p) => ({
    name: p.name,
    description: p.description,
    source: p.source,
    entity: p.entity,
    ...(p.dateOrder ? { date_order: p.dateOrder } : {}),
    columns: presetColumns(p),
  })),
});

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
  const importDeps = { accept, acceptedBefore: acceptedBefore(deps.ds) };
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

    app.get('/api/v1/ingest/imports/presets', (_req, res) => {
      res.json(presetsDocument());
    });

    app.post(IMPORTS, async (req: Request<{ source: string; entity: string }>, res) => {
      const { tenantId } = readIdentity(req);
      const { source, entity } = req.params;
      if (!entitySpec(source, entity))
        throw new NotFoundError(`No ${source}/${entity} in the source catalog (GET /api/v1/ingest/catalog)`);
      const q = parseWith(importQuery, req.query);
      const options = importOptions(source, entity, q);
      const csv = csvText(req);
      try {
        const report = await importCsv(importDeps, tenantId, {
          source: source as SourceDomain,
          entity,
          csv,
          ...options,
          timezone: q.timezone,
          ...(q.date_order ? { dateOrder: q.date_order } : {}),
          dryRun: q.dry_run,
          skipInvalid: q.skip_invalid,
        });
        res.status(q.dry_run ? 200 : 202).json(report);
      } catch (err) {
        if (!(err instanceof ImportInterrupted)) throw err;
        deps.logger.warn(
          { err: err.failure, accepted: err.accepted, events: err.total },
          'import interrupted',
        );
        const cause = unavailable(err.failure);
        throw cause instanceof UnavailableError
          ? new UnavailableError(
              `The event log failed after ${err.accepted} of ${err.total} events were accepted; nothing of the failing batch was kept. Import the file again: the accepted rows come back as duplicates`,
            )
          : cause;
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
