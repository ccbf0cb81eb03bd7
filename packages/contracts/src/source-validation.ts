import { z } from 'zod';
import * as z4 from 'zod/v4';
import { assertNeverField } from './assert-never-field';
import type { EntitySpec, FieldSpec } from './source-catalog';
import { entitySpec, sourceCatalog } from './source-catalog';
import { sourceDomains } from './topics';

// zod validators generated from the source catalog, so ingest can't drift from it.

// ISO-8601 date-time with seconds (optional fraction) and a Z or ±hh:mm offset. Compiled once:
// zod 3's `.datetime()` builds its RegExp on every call, which dominated ingest's CPU profile.
const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/;
const TIMESTAMP_MESSAGE = 'must be an ISO-8601 timestamp';
/** A date the pattern admits but the calendar doesn't (month 13, hour 25). */
const impossibleDate = (v: string) => Number.isNaN(Date.parse(v)) && ISO_TIMESTAMP.test(v);

// The catalog's `data` validators run once per event of a 5,000-event batch, so they use zod 4
// (shipped with zod 3.25 as `zod/v4`), which compiles an object's shape into one function: 5,000
// ticket objects validate in ≈ 20 ms instead of ≈ 90 with zod 3. The envelope stays zod 3, which
// @scorecard/api builds its OpenAPI document from. The messages are zod 3's own, so a 400 reads as
// it did: `data.csat: Number must be less than or equal to 5`.

/** zod 3's name of a value's type (`received` in its messages); JSON values and NaN are enough. */
function received(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number' && Number.isNaN(v)) return 'nan';
  return typeof v;
}

const expected = (type: string) => (issue: { input?: unknown }) =>
  `Expected ${type}, received ${received(issue.input)}`;
const v4String = () => z4.string({ error: expected('string') });
const v4Timestamp = v4String().refine((v) => ISO_TIMESTAMP.test(v) && !Number.isNaN(Date.parse(v)), {
  error: TIMESTAMP_MESSAGE,
});

function fieldValidator(f: FieldSpec): z4.ZodType {
  switch (f.type) {
    case 'string':
      return v4String();
    case 'timestamp':
      return v4Timestamp;
    case 'boolean':
      return z4.boolean({ error: expected('boolean') });
    case 'enum': {
      const values = new Set(f.values);
      return v4String().refine((v) => values.has(v), { error: `must be one of ${f.values?.join(', ')}` });
    }
    case 'number': {
      // zod 4's number refuses ±Infinity itself, as zod 3's `.finite()` did.
      let n = z4.number({
        error: (issue) =>
          typeof issue.input === 'number' && !Number.isNaN(issue.input)
            ? 'Number must be finite'
            : expected('number')(issue),
      });
      if (f.min !== undefined)
        n = n.min(f.min, { error: `Number must be greater than or equal to ${f.min}` });
      if (f.max !== undefined) n = n.max(f.max, { error: `Number must be less than or equal to ${f.max}` });
      return n;
    }
    default:
      return assertNeverField(f.type);
  }
}

// Non-canonical fields are welcome (they travel in the envelope's `extra` map): a loose object
// keeps them in its output and checks only the catalog's fields.
const build = (spec: EntitySpec) =>
  z4.looseObject(
    Object.fromEntries(Object.entries(spec.fields).map(([name, f]) => [name, fieldValidator(f).nullish()])),
  );

const validators = new Map<string, z4.ZodType>(
  Object.entries(sourceCatalog).flatMap(([source, entities]) =>
    Object.entries(entities as Record<string, EntitySpec>).map(
      ([entity, spec]) => [`${source}/${entity}`, build(spec)] as const,
    ),
  ),
);

/**
 * The (zod 4) validator of the canonical `data` object of one (source, entity); undefined if not
 * in the catalog.
 */
export function dataSchema(source: string, entity: string): z4.ZodType | undefined {
  return validators.get(`${source}/${entity}`);
}

/** One event of `POST /api/v1/ingest/events`; `data` is checked against the catalog (paths `data.<field>`). */
export const ingestEventSchema = z
  .object({
    source: z.enum(sourceDomains),
    entity: z.string().min(1),
    id: z.string().min(1),
    op: z.enum(['upsert', 'delete']),
    // A pattern check, not a zod 3 refine (a wrapper costing ≈ 2 µs per event); the calendar check
    // is in the superRefine below. The document shows the pattern.
    occurred_at: z.string().regex(ISO_TIMESTAMP, TIMESTAMP_MESSAGE),
    version: z
      .union([z.number().int().nonnegative(), z.string().regex(/^\d+$/, 'must be a non-negative integer')])
      .optional(),
    data: z.record(z.unknown()).optional(),
  })
  .superRefine((ev, ctx) => {
    if (impossibleDate(ev.occurred_at))
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['occurred_at'], message: TIMESTAMP_MESSAGE });
    if (!entitySpec(ev.source, ev.entity)) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['entity'],
        message: `unknown entity of source ${ev.source}`,
      });
      return;
    }
    if (ev.op === 'delete') return;
    if (ev.data === undefined) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['data'], message: 'required for an upsert' });
      return;
    }
    const result = dataSchema(ev.source, ev.entity)?.safeParse(ev.data);
    // zod 4 issues become zod 3 custom issues under `data` (a field's path is its name).
    for (const issue of result?.error?.issues ?? [])
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['data', ...issue.path.map((p) => (typeof p === 'number' ? p : String(p)))],
        message: issue.message,
      });
  });

export type IngestEvent = z.infer<typeof ingestEventSchema>;
