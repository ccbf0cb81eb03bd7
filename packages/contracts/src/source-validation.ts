import { z } from 'zod';
import { assertNeverField } from './assert-never-field';
import type { EntitySpec, FieldSpec } from './source-catalog';
import { entitySpec, sourceCatalog } from './source-catalog';
import { sourceDomains } from './topics';

// zod validators generated from the source catalog, so ingest can't drift from it.

// ISO-8601 date-time with seconds (optional fraction) and a Z or ±hh:mm offset. Compiled once:
// zod 3's `.datetime()` builds its RegExp on every call, which dominated ingest's CPU profile.
const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/;
const isoTimestamp = z
  .string()
  .refine((v) => ISO_TIMESTAMP.test(v) && !Number.isNaN(Date.parse(v)), {
    message: 'must be an ISO-8601 timestamp',
  });

function fieldValidator(f: FieldSpec): z.ZodTypeAny {
  switch (f.type) {
    case 'string':
      return z.string();
    case 'timestamp':
      return isoTimestamp;
    case 'boolean':
      return z.boolean();
    case 'enum':
      return z
        .string()
        .refine((v) => f.values?.includes(v) ?? false, { message: `must be one of ${f.values?.join(', ')}` });
    case 'number': {
      let n = z.number().finite();
      if (f.min !== undefined) n = n.min(f.min);
      if (f.max !== undefined) n = n.max(f.max);
      return n;
    }
    default:
      return assertNeverField(f.type);
  }
}

const build = (spec: EntitySpec) =>
  z
    .object(
      Object.fromEntries(Object.entries(spec.fields).map(([name, f]) => [name, fieldValidator(f).nullish()])),
    )
    // Non-canonical fields are welcome: they travel in the envelope's `extra` map.
    .passthrough();

const validators = new Map<string, z.ZodTypeAny>(
  Object.entries(sourceCatalog).flatMap(([source, entities]) =>
    Object.entries(entities as Record<string, EntitySpec>).map(
      ([entity, spec]) => [`${source}/${entity}`, build(spec)] as const,
    ),
  ),
);

/** The validator of the canonical `data` object of one (source, entity); undefined if not in the catalog. */
export function dataSchema(source: string, entity: string): z.ZodTypeAny | undefined {
  return validators.get(`${source}/${entity}`);
}

/** One event of `POST /api/v1/ingest/events`; `data` is checked against the catalog (paths `data.<field>`). */
export const ingestEventSchema = z
  .object({
    source: z.enum(sourceDomains),
    entity: z.string().min(1),
    id: z.string().min(1),
    op: z.enum(['upsert', 'delete']),
    occurred_at: isoTimestamp,
    version: z
      .union([z.number().int().nonnegative(), z.string().regex(/^\d+$/, 'must be a non-negative integer')])
      .optional(),
    data: z.record(z.unknown()).optional(),
  })
  .superRefine((ev, ctx) => {
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
    for (const issue of result?.error?.issues ?? [])
      ctx.addIssue({ ...issue, path: ['data', ...issue.path] });
  });

export type IngestEvent = z.infer<typeof ingestEventSchema>;
