import { ingestBatchSchema } from '@scorecard/api';
import { buildSourceEvent, create, frame, toBinary, topicCatalog } from '@scorecard/contracts';
import { ValidationError, assertNever, type FieldError } from '@scorecard/errors';
import { nulFieldErrors, parseWith } from '@scorecard/http';
import { uniqueEvents, type EncodedBatch } from '../../app/accept-events';

/** What the batch encoder needs: the raw body and what the events' ids and envelopes depend on. */
export interface EncodeRequest {
  /** The body bytes when they are JSON by content type; undefined when there is no JSON body. */
  body: Uint8Array | undefined;
  tenantId: string;
  ingestedAt: string;
  /** Registry schema id of each source topic (resolved by the main thread). */
  schemaIds: Readonly<Record<string, number>>;
}

/**
 * The outcome, in a form that crosses a worker boundary cheaply: identities in columns, every
 * value back to back in one buffer (transferred, not copied) ending at `ends[i]`.
 */
export type EncodedBody =
  | {
      kind: 'encoded';
      total: number;
      eventIds: string[];
      sources: string[];
      entities: string[];
      ids: string[];
      versions: number[];
      topics: string[];
      keys: string[];
      ends: Uint32Array;
      values: Uint8Array;
    }
  | { kind: 'malformed' }
  | { kind: 'invalid'; message: string; errors: FieldError[] }
  | { kind: 'failed'; message: string };

type Schema = Parameters<typeof toBinary>[0];
// body-parser's strict JSON: only an object or an array at the top (after JSON whitespace).
const FIRST_CHAR = /^[ \t\n\r]*(.)/s;

function parseJson(body: Uint8Array | undefined): { ok: true; value: unknown } | { ok: false } {
  if (body === undefined) return { ok: true, value: undefined };
  // As express.json: an empty body is `{}`, a BOM is dropped, a non-object top level is malformed.
  if (body.byteLength === 0) return { ok: true, value: {} };
  const text = Buffer.from(body.buffer, body.byteOffset, body.byteLength)
    .toString('utf8')
    .replace(/^\uFEFF/, '');
  const first = FIRST_CHAR.exec(text)?.[1];
  if (first !== '{' && first !== '[') return { ok: false };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

/** The parsed body, or its refusal as express.json and rejectNul answered: malformed JSON, a NUL. */
export function readBody(
  body: Uint8Array | undefined,
): { value: unknown } | Extract<EncodedBody, { kind: 'malformed' | 'invalid' }> {
  const parsed = parseJson(body);
  if (!parsed.ok) return { kind: 'malformed' };
  const nul = nulFieldErrors(parsed.value);
  if (nul.length > 0) return { kind: 'invalid', message: new ValidationError(nul).message, errors: nul };
  return { value: parsed.value };
}

/**
 * Accepting a batch up to the claim, pure CPU: JSON parse, NUL check, validation (400 naming
 * `events[i].field`), identities and event ids, envelopes, Protobuf encoding and framing. Runs in
 * a worker thread (`workers/encode-batch.ts`) or, on one core, in the calling thread.
 */
export function encodeIngestBody(req: EncodeRequest): EncodedBody {
  const read = readBody(req.body);
  if ('kind' in read) return read;
  let events;
  try {
    events = parseWith(ingestBatchSchema, read.value).events;
  } catch (err) {
    if (err instanceof ValidationError)
      return { kind: 'invalid', message: err.message, errors: [...err.errors] };
    throw err;
  }
  const unique = uniqueEvents(req.tenantId, events);
  const n = unique.length;
  const out = {
    eventIds: new Array<string>(n),
    sources: new Array<string>(n),
    entities: new Array<string>(n),
    ids: new Array<string>(n),
    versions: new Array<number>(n),
    topics: new Array<string>(n),
    keys: new Array<string>(n),
  };
  const framed = new Array<Uint8Array>(n);
  const ends = new Uint32Array(n);
  let size = 0;
  for (let i = 0; i < n; i++) {
    const { ev, eventId } = unique[i] as (typeof unique)[number];
    const record = buildSourceEvent({
      tenantId: req.tenantId,
      eventId,
      ingestedAt: req.ingestedAt,
      event: ev,
    });
    const schema = topicCatalog[record.topic].schema as Schema;
    const schemaId = req.schemaIds[record.topic];
    if (schemaId === undefined) throw new Error(`no schema id for ${record.topic}`);
    const value = frame(schemaId, toBinary(schema, create(schema, record.message as never)));
    framed[i] = value;
    size += value.byteLength;
    ends[i] = size;
    out.eventIds[i] = eventId;
    out.sources[i] = ev.source;
    out.entities[i] = ev.entity;
    out.ids[i] = ev.id;
    out.versions[i] = ev.version;
    out.topics[i] = record.topic;
    out.keys[i] = record.key;
  }
  // One fresh ArrayBuffer (never a pooled one), so it can be transferred.
  const values = new Uint8Array(size);
  for (let i = 0, at = 0; i < n; i++) {
    const v = framed[i] as Uint8Array;
    values.set(v, at);
    at += v.byteLength;
  }
  return { kind: 'encoded', total: events.length, ...out, ends, values };
}

/** Malformed JSON, answered exactly as express.json's parse failure (400 `malformed_json`). */
class MalformedJsonError extends Error {
  readonly status = 400;
  readonly type = 'entity.parse.failed';
  constructor() {
    super('The body is not valid JSON');
    this.name = 'MalformedJsonError';
  }
}

/** The encoder's outcome as the accept path takes it; a refused body throws its 400. */
export function encodedBatchOf(body: EncodedBody): EncodedBatch {
  switch (body.kind) {
    case 'malformed':
      throw new MalformedJsonError();
    case 'invalid':
      throw new ValidationError(body.errors, body.message);
    case 'failed':
      throw new Error(`encoding the batch failed: ${body.message}`);
    case 'encoded': {
      const values = Buffer.from(body.values.buffer, body.values.byteOffset, body.values.byteLength);
      const events = body.eventIds.map((eventId, i) => ({
        ev: {
          source: body.sources[i] as EncodedBatch['events'][number]['ev']['source'],
          entity: body.entities[i] ?? '',
          id: body.ids[i] ?? '',
          version: body.versions[i] ?? 0,
        },
        record: {
          topic: body.topics[i] as EncodedBatch['events'][number]['record']['topic'],
          key: body.keys[i] ?? '',
          value: values.subarray(i === 0 ? 0 : body.ends[i - 1], body.ends[i]),
          eventId,
        },
      }));
      return { total: body.total, events };
    }
    default:
      return assertNever(body);
  }
}
