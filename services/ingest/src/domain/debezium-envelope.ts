/**
 * Debezium's change-event envelope (PostgreSQL connector): `{before, after, source, op, ts_ms}`,
 * either bare (JsonConverter with schemas.enable=false) or wrapped as `{schema, payload}`.
 * A null value is the tombstone Debezium writes after a delete for log compaction.
 */

type Json = Record<string, unknown>;

export type DebeziumOp = 'c' | 'u' | 'd' | 'r';

export type DebeziumChange =
  | { kind: 'tombstone' }
  /** Valid but not a row change (truncate `t`, logical message `m`): nothing to map. */
  | { kind: 'ignored'; reason: string }
  | {
      kind: 'change';
      op: DebeziumOp;
      /** The row after the change; for a delete, the row before it. */
      row: Json;
      table: string | undefined;
      /** Commit time in the source database (ms), else when the connector saw it. */
      tsMs: number | undefined;
      /** Position in the PostgreSQL WAL: increases with every commit, so it versions the row. */
      lsn: number | undefined;
    }
  | { kind: 'invalid'; message: string };

const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);
const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** Parses one Kafka message value (UTF-8 JSON, or null). */
export function parseDebeziumValue(value: string | null): DebeziumChange {
  if (value === null || value.length === 0) return { kind: 'tombstone' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return { kind: 'invalid', message: 'value is not JSON' };
  }
  if (parsed === null) return { kind: 'tombstone' };
  if (!isObject(parsed)) return { kind: 'invalid', message: 'value is not a JSON object' };
  const wrapped = isObject(parsed.schema) && 'payload' in parsed;
  const payload = wrapped ? parsed.payload : parsed;
  if (payload === null) return { kind: 'tombstone' };
  if (!isObject(payload)) return { kind: 'invalid', message: 'payload is not an object' };
  const op = payload.op;
  if (op === 't' || op === 'm')
    return { kind: 'ignored', reason: op === 't' ? 'truncate' : 'logical message' };
  if (op !== 'c' && op !== 'u' && op !== 'd' && op !== 'r') {
    return { kind: 'invalid', message: `not a Debezium change event (op ${JSON.stringify(op)})` };
  }
  const image = op === 'd' ? payload.before : payload.after;
  if (!isObject(image)) {
    return { kind: 'invalid', message: `op "${op}" without a "${op === 'd' ? 'before' : 'after'}" row` };
  }
  const decimals = wrapped
    ? decimalFields(parsed.schema as Json, op === 'd' ? 'before' : 'after')
    : new Map<string, number>();
  const row = decimals.size === 0 ? image : decodeDecimals(image, decimals);
  const source = isObject(payload.source) ? payload.source : {};
  return {
    kind: 'change',
    op,
    row,
    table: typeof source.table === 'string' ? source.table : undefined,
    tsMs: num(source.ts_ms) ?? num(payload.ts_ms),
    lsn: num(source.lsn),
  };
}

/** Columns Kafka Connect encodes as `Decimal` (base64 big-endian unscaled integer) and their scale. */
function decimalFields(schema: Json, image: 'before' | 'after'): Map<string, number> {
  const out = new Map<string, number>();
  const fields = Array.isArray(schema.fields) ? (schema.fields as Json[]) : [];
  const row = fields.find((f) => f.field === image);
  for (const f of Array.isArray(row?.fields) ? (row.fields as Json[]) : []) {
    const params = isObject(f.parameters) ? f.parameters : {};
    if (f.name === 'org.apache.kafka.connect.data.Decimal' && typeof f.field === 'string') {
      out.set(f.field, Number(params.scale ?? 0));
    }
  }
  return out;
}

function decodeDecimals(row: Json, decimals: Map<string, number>): Json {
  const out: Json = { ...row };
  for (const [field, scale] of decimals) {
    const v = row[field];
    if (typeof v === 'string') out[field] = decodeDecimal(v, scale);
  }
  return out;
}

/** Kafka Connect `Decimal`: base64 of the two's-complement big-endian unscaled value. */
export function decodeDecimal(base64: string, scale: number): number {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  let unscaled = 0n;
  for (const b of bytes) unscaled = (unscaled << 8n) | BigInt(b);
  if (bytes.length > 0 && (bytes[0] ?? 0) & 0x80) unscaled -= 1n << BigInt(bytes.length * 8);
  return Number(unscaled) / 10 ** scale;
}
