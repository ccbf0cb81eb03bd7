import { entitySpec, type IngestEvent, type SourceDomain } from '@scorecard/contracts';
import type { FieldError } from '@scorecard/errors';
import { mapRecord } from '../mappings/map-record';
import type { FieldRule, RecordMapping } from '../mappings/record-mapping';
import { importMapping, ruleColumns, type ColumnTarget } from './column-map';
import type { CsvPreset } from './csv-presets';
import { readCsvRows, type LineError } from './csv-rows';
import { NUMERIC_DATE, timeReader, type DateOrder } from './time-reader';

export interface CsvImportOptions {
  source: SourceDomain;
  entity: string;
  entries: readonly ColumnTarget[];
  preset?: CsvPreset;
  /** IANA zone of the file's wall-clock times. */
  timezone: string;
  /** Order of numeric dates; default the preset's, else year first. */
  dateOrder?: DateOrder;
}

/** A valid row as the canonical event it becomes, its version resolved. */
export interface MappedRow {
  line: number;
  event: IngestEvent & { version: number };
}

export type CsvImportPlan =
  /** The file or the column map cannot be used at all (nothing row by row to report). */
  | { ok: false; errors: FieldError[] }
  | { ok: true; rows: number; events: MappedRow[]; errors: LineError[]; invalidRows: number };

/** FNV-1a, 32 bits: a stable, cheap digest of a row's content for its version. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/**
 * A version for a row whose file has no version column, the same for the same content every time
 * (re-importing a file gives duplicates, never second facts): the event time in ms plus a part
 * below one second that ranks a row with more fields filled after one with fewer (a shift with
 * its clock-out after the same shift rostered only) and then by a digest of the content.
 */
export function derivedVersion(event: IngestEvent): number {
  const data = event.data ?? {};
  const filled = Object.values(data).filter((v) => v !== null && v !== undefined).length;
  const content = JSON.stringify([
    event.op,
    event.occurred_at,
    Object.entries(data).sort(([a], [b]) => (a < b ? -1 : 1)),
  ]);
  return Date.parse(event.occurred_at) + Math.min(filled, 49) * 20 + (fnv1a(content) % 20);
}

const firstPresent = (values: Readonly<Record<string, string>>, rule: FieldRule) =>
  ruleColumns(rule)
    .map((c) => values[c])
    .find((v) => v !== undefined && v !== '');

/**
 * Turns a CSV file into canonical events of one (source, entity), row by row, validated exactly as
 * `POST /api/v1/ingest/events` validates (the catalog's schema, through `mapRecord`). Every bad
 * row is reported by its line, field and column; the good rows are returned with them. Without an
 * occurred_at column (or where a row leaves it empty) the row's latest time field is its time.
 */
export function csvToEvents(text: string, opts: CsvImportOptions): CsvImportPlan {
  const read = readCsvRows(text);
  if (!read.ok)
    return { ok: false, errors: read.errors.map((e) => ({ path: `lines[${e.line}]`, message: e.message })) };
  const built = importMapping({
    source: opts.source,
    entity: opts.entity,
    columns: read.columns,
    entries: opts.entries,
    ...(opts.preset ? { preset: opts.preset } : {}),
  });
  if (!built.ok) return { ok: false, errors: built.errors };
  const mapping: RecordMapping = built.mapping;
  const dateOrder = opts.dateOrder ?? opts.preset?.dateOrder ?? 'ymd';
  const time = timeReader({ timezone: opts.timezone, dateOrder });
  const fields = entitySpec(opts.source, opts.entity)?.fields ?? {};
  const timeRules = Object.entries(mapping.fields).filter(([f]) => fields[f]?.type === 'timestamp');

  const notATime = (raw: string) =>
    `is not a date or time (got "${raw}")${
      dateOrder === 'ymd' && NUMERIC_DATE.test(raw)
        ? '; a day/month date needs a date order (dmy or mdy)'
        : ''
    }`;
  const errors: LineError[] = [...read.errors];
  const events: MappedRow[] = [];
  const badLines = new Set(read.errors.map((e) => e.line));
  for (const { line, values } of read.rows) {
    let latest: string | undefined;
    const unreadable: LineError[] = [];
    for (const [field, rule] of timeRules) {
      const raw = firstPresent(values, rule);
      const t = time(raw);
      if (t !== undefined && (latest === undefined || t > latest)) latest = t;
      else if (t === undefined && raw !== undefined)
        unreadable.push({
          line,
          field,
          column: ruleColumns(rule).find((c) => values[c] === raw) ?? '',
          message: notATime(raw),
        });
    }
    const stated = mapping.occurredAt.find((c) => values[c] !== undefined && values[c] !== '');
    const statedRaw = stated === undefined ? undefined : values[stated];
    if (stated !== undefined && statedRaw !== undefined && time(statedRaw) === undefined) {
      badLines.add(line);
      errors.push({ line, field: 'occurred_at', column: stated, message: notATime(statedRaw) });
      continue;
    }
    const out = mapRecord(mapping, values, { time, ...(latest === undefined ? {} : { occurredAt: latest }) });
    if (out.ok) {
      const version = out.event.version === undefined ? derivedVersion(out.event) : Number(out.event.version);
      events.push({ line, event: { ...out.event, version } });
      continue;
    }
    badLines.add(line);
    if (out.code === 'missing_id') {
      errors.push({ line, field: 'id', column: mapping.id, message: 'is empty' });
    } else if (out.code === 'missing_time' && unreadable.length > 0) {
      errors.push(...unreadable);
    } else if (out.code === 'missing_time') {
      errors.push({
        line,
        field: 'occurred_at',
        message: `the row has no time (${[...mapping.occurredAt, ...timeRules.flatMap(([, r]) => ruleColumns(r))].join(', ')} empty)`,
      });
    } else {
      for (const issue of out.issues ?? []) {
        const field = issue.field.replace(/^data\./, '');
        const rule = mapping.fields[field];
        const column = rule === undefined ? undefined : ruleColumns(rule).find((c) => values[c]);
        const raw = column === undefined ? undefined : values[column];
        const isTime = fields[field]?.type === 'timestamp';
        errors.push({
          line,
          field,
          ...(column === undefined ? {} : { column }),
          message:
            raw === undefined ? issue.message : isTime ? notATime(raw) : `${issue.message} (got "${raw}")`,
        });
      }
    }
  }
  errors.sort((a, b) => a.line - b.line);
  return {
    ok: true,
    rows: read.rows.length + read.errors.length,
    events,
    errors,
    invalidRows: badLines.size,
  };
}
