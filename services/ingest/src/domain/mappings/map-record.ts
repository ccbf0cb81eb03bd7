import { fieldSpec, ingestEventSchema, type IngestEvent } from '@scorecard/contracts';
import type { FieldRule, RecordMapping } from './record-mapping';
import { toIsoTime } from './time-value';

export type MapFailureCode = 'missing_id' | 'missing_time' | 'invalid_field';

/** A record either maps onto a canonical event or fails with a code and the field at fault. */
export type MapOutcome =
  | { ok: true; event: IngestEvent }
  | {
      ok: false;
      code: MapFailureCode;
      message: string;
      field?: string;
      /** Every invalid field of an `invalid_field` failure (path as validation names it, e.g. `data.csat`). */
      issues?: readonly { field: string; message: string }[];
    };

export interface MapContext {
  /** A deletion in the source (a CDC `d`, a deleted webhook). */
  deleted?: boolean;
  /** Version when the mapping names none (e.g. the CDC log position). */
  version?: number;
  /** Event time when none of the mapping's paths is present (e.g. the CDC commit time). */
  occurredAt?: string;
  /** Reads a time value as ISO-8601 UTC (default `toIsoTime`; a CSV import reads local times in a zone). */
  time?: (raw: unknown) => string | undefined;
}

type Json = Record<string, unknown>;

/** Reads a dotted path; a key that itself contains dots is found first. */
export function readPath(record: Json, path: string): unknown {
  if (Object.hasOwn(record, path)) return record[path];
  let cur: unknown = record;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Json)[part];
  }
  return cur;
}

const present = (v: unknown) => v !== undefined && v !== null && v !== '';

function truthy(v: unknown): boolean | undefined {
  if (!present(v)) return undefined;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  const s = String(v).trim().toLowerCase();
  if (['true', 't', 'yes', 'y', '1'].includes(s)) return true;
  if (['false', 'f', 'no', 'n', '0'].includes(s)) return false;
  return undefined;
}

function readRule(record: Json, rule: FieldRule): unknown {
  if (typeof rule === 'string') return readPath(record, rule);
  if (rule.value !== undefined) return rule.value;
  if (rule.any) {
    const flags = rule.any.map((p) => truthy(readPath(record, p)));
    if (flags.every((f) => f === undefined)) return undefined;
    return flags.some((f) => f === true);
  }
  const paths = rule.from === undefined ? [] : typeof rule.from === 'string' ? [rule.from] : rule.from;
  const raw = paths.map((p) => readPath(record, p)).find(present);
  if (!present(raw) || !rule.map) return raw;
  const key = String(raw).trim().toLowerCase();
  const snake = key.replace(/[\s-]+/g, '_');
  // An unknown word is kept, so validation names it instead of it silently vanishing.
  return Object.hasOwn(rule.map, key)
    ? rule.map[key]
    : Object.hasOwn(rule.map, snake)
      ? rule.map[snake]
      : raw;
}

/** Converts a raw value to the catalog type of the canonical field (invalid ones are left for validation). */
function convert(
  source: string,
  entity: string,
  field: string,
  raw: unknown,
  time: (raw: unknown) => string | undefined,
): unknown {
  const spec = fieldSpec(source, entity, field);
  switch (spec?.type) {
    case 'timestamp':
      return time(raw) ?? raw;
    case 'number': {
      const n = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
      return typeof n === 'number' && Number.isFinite(n) ? n : raw;
    }
    case 'boolean':
      return truthy(raw) ?? raw;
    case 'string':
      return typeof raw === 'number' || typeof raw === 'bigint' ? String(raw) : raw;
    case 'enum': {
      // ERPs and helpdesks shout their vocabularies ("OPEN", "High", "In Progress"); the
      // catalog's are lower snake case.
      const lower = String(raw)
        .trim()
        .toLowerCase()
        .replace(/[\s-]+/g, '_');
      return spec.values?.includes(lower) ? lower : raw;
    }
    case undefined:
      return raw;
  }
}

function toVersion(raw: unknown, time: (raw: unknown) => string | undefined): number | undefined {
  if (typeof raw === 'number' && Number.isSafeInteger(raw) && raw >= 0) return raw;
  if (typeof raw === 'string' && /^\d+$/.test(raw) && Number.isSafeInteger(Number(raw))) return Number(raw);
  const iso = time(raw);
  return iso === undefined ? undefined : Date.parse(iso);
}

const lastSegment = (path: string) => path.split('.').at(-1) ?? path;

/**
 * Maps one record onto a canonical ingest event and validates it against the source catalog, so
 * whatever passes here is exactly what `POST /api/v1/ingest/events` would accept.
 */
export function mapRecord(mapping: RecordMapping, record: Json, ctx: MapContext = {}): MapOutcome {
  const id = readPath(record, mapping.id);
  if (!present(id) || (typeof id !== 'string' && typeof id !== 'number')) {
    return { ok: false, code: 'missing_id', message: `no id at "${mapping.id}"`, field: mapping.id };
  }
  const time = ctx.time ?? toIsoTime;
  const timeRaw = mapping.occurredAt.map((p) => readPath(record, p)).find(present);
  const occurredAt = (timeRaw === undefined ? undefined : time(timeRaw)) ?? ctx.occurredAt;
  if (occurredAt === undefined) {
    return {
      ok: false,
      code: 'missing_time',
      message: `no event time at ${mapping.occurredAt.join(', ')}`,
      field: mapping.occurredAt[0] ?? 'occurred_at',
    };
  }
  const version =
    (mapping.version ? toVersion(readPath(record, mapping.version), time) : undefined) ?? ctx.version;
  const deleted =
    ctx.deleted === true ||
    (mapping.deletedFlag !== undefined && truthy(readPath(record, mapping.deletedFlag)) === true);

  const data: Json = {};
  if (!deleted) {
    for (const path of mapping.extra ?? []) {
      const v = readPath(record, path);
      if (present(v)) data[lastSegment(path)] = v;
    }
    for (const [field, rule] of Object.entries(mapping.fields)) {
      const raw = readRule(record, rule);
      if (present(raw)) data[field] = convert(mapping.source, mapping.entity, field, raw, time);
    }
  }
  const candidate = {
    source: mapping.source,
    entity: mapping.entity,
    id: String(id),
    op: deleted ? 'delete' : 'upsert',
    occurred_at: occurredAt,
    ...(version === undefined ? {} : { version }),
    ...(deleted ? {} : { data }),
  };
  const parsed = ingestEventSchema.safeParse(candidate);
  if (parsed.success) return { ok: true, event: parsed.data };
  const issues = parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message }));
  const first = issues[0];
  return {
    ok: false,
    code: 'invalid_field',
    message: `${mapping.name}: ${first?.field ?? ''} ${first?.message ?? 'is invalid'}`,
    field: first?.field ?? '',
    issues,
  };
}
