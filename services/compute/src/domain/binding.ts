import { z } from 'zod';

/**
 * A KPI binding as the registry serves it (CONTRACT.md "Registry" binding body): which source
 * records count, which time field places them in a period, how they aggregate and who gets the
 * credit. Formula bindings divide two sub-bindings; a sub-binding may leave out source, time field
 * and ownership, which it then takes from its parent.
 */
export const FILTER_OPS = [
  'eq',
  'ne',
  'gt',
  'gte',
  'lt',
  'lte',
  'in',
  'not_in',
  'is_null',
  'is_not_null',
] as const;
export type FilterOp = (typeof FILTER_OPS)[number];

/** Spellings other tools use for the same operators. */
const OP_ALIASES: Record<string, FilterOp> = {
  '=': 'eq',
  '==': 'eq',
  '!=': 'ne',
  '<>': 'ne',
  neq: 'ne',
  '>': 'gt',
  '>=': 'gte',
  '<': 'lt',
  '<=': 'lte',
  nin: 'not_in',
  exists: 'is_not_null',
  not_null: 'is_not_null',
  missing: 'is_null',
};

export const AGGREGATIONS = [
  'count',
  'distinct_count',
  'sum',
  'avg',
  'min',
  'max',
  'percentile',
  'ratio',
] as const;
export type AggregationFn = (typeof AGGREGATIONS)[number];

export const DURATION_UNITS = { seconds: 1, minutes: 60, hours: 3_600, days: 86_400 } as const;

type Scalar = string | number | boolean;

export interface FilterCondition {
  field: string;
  op: FilterOp;
  value?: Scalar | Scalar[] | null;
}

export interface Aggregation {
  fn: AggregationFn;
  field?: string;
  /** Percentile as a fraction (0.9) or a percentage (90). */
  p?: number;
  /** Measure a duration between two timestamp fields instead of a field (e.g. resolution time). */
  duration?: { from: string; to: string; unit: keyof typeof DURATION_UNITS };
}

export interface Ownership {
  rule: string;
  field?: string;
}

export interface BindingSpec {
  source: { domain: string; entity: string };
  filter: FilterCondition[];
  time_field: string;
  aggregation: Aggregation;
  ownership: Ownership;
  formula?: { numerator: BindingSpec; denominator: BindingSpec; scale?: number };
}

export interface Binding extends BindingSpec {
  id: string;
  kpi_id: string;
}

const scalar = z.union([z.string(), z.number(), z.boolean()]);
const filterSchema = z.object({
  field: z.string().min(1),
  op: z
    .string()
    .transform((op) => OP_ALIASES[op] ?? op)
    .pipe(z.enum(FILTER_OPS)),
  value: z.union([scalar, z.array(scalar), z.null()]).optional(),
});
const aggregationSchema = z.object({
  fn: z.enum(AGGREGATIONS),
  field: z.string().min(1).optional(),
  p: z.number().min(0).max(100).optional(),
  duration: z
    .object({
      from: z.string().min(1),
      to: z.string().min(1),
      unit: z.enum(Object.keys(DURATION_UNITS) as [keyof typeof DURATION_UNITS]),
    })
    .optional(),
});
const ownershipSchema = z.object({ rule: z.string().min(1), field: z.string().min(1).optional() });

interface PartialSpec {
  source?: { domain: string; entity: string } | undefined;
  filter?: FilterCondition[] | undefined;
  time_field?: string | undefined;
  aggregation?: Aggregation | undefined;
  ownership?: Ownership | undefined;
  formula?: { numerator: PartialSpec; denominator: PartialSpec; scale?: number | undefined } | undefined;
}

const partialSchema: z.ZodType<PartialSpec, z.ZodTypeDef, unknown> = z.lazy(
  (): z.ZodType<PartialSpec, z.ZodTypeDef, unknown> =>
    z.object({
      source: z.object({ domain: z.string().min(1), entity: z.string().min(1) }).optional(),
      filter: z.array(filterSchema).optional(),
      time_field: z.string().min(1).optional(),
      aggregation: aggregationSchema.optional(),
      ownership: ownershipSchema.optional(),
      formula: z
        .object({
          numerator: partialSchema,
          denominator: partialSchema,
          scale: z.number().positive().optional(),
        })
        .optional(),
    }) as unknown as z.ZodType<PartialSpec, z.ZodTypeDef, unknown>,
);

export type BindingParse =
  { ok: true; value: Binding } | { ok: false; errors: { path: string; message: string }[] };

function complete(
  spec: PartialSpec,
  parent: BindingSpec | null,
  path: string,
  errors: { path: string; message: string }[],
): BindingSpec | null {
  const source = spec.source ?? parent?.source;
  const time_field = spec.time_field ?? parent?.time_field;
  const ownership = spec.ownership ?? parent?.ownership;
  const aggregation =
    spec.aggregation ?? (spec.formula ? { fn: 'ratio' as const } : { fn: 'count' as const });
  if (!source) errors.push({ path: `${path}source`, message: 'required' });
  if (!time_field) errors.push({ path: `${path}time_field`, message: 'required' });
  if (!ownership) errors.push({ path: `${path}ownership`, message: 'required' });
  if (!source || !time_field || !ownership) return null;
  const base: BindingSpec = { source, filter: spec.filter ?? [], time_field, aggregation, ownership };
  if (!spec.formula) {
    if (aggregation.fn === 'ratio')
      errors.push({ path: `${path}formula`, message: 'a ratio needs a formula' });
    return base;
  }
  const numerator = complete(spec.formula.numerator, base, `${path}formula.numerator.`, errors);
  const denominator = complete(spec.formula.denominator, base, `${path}formula.denominator.`, errors);
  if (!numerator || !denominator) return null;
  return {
    ...base,
    formula: {
      numerator,
      denominator,
      ...(spec.formula.scale === undefined ? {} : { scale: spec.formula.scale }),
    },
  };
}

/** Reads a registry binding state (`{id, kpi_id, …body}`); errors name the field. */
export function parseBinding(state: unknown): BindingParse {
  const head = z.object({ id: z.string().min(1), kpi_id: z.string().min(1) }).safeParse(state);
  const body = partialSchema.safeParse(state);
  const errors: { path: string; message: string }[] = [];
  for (const r of [head, body])
    if (!r.success)
      for (const i of r.error.issues) errors.push({ path: i.path.join('.'), message: i.message });
  if (!head.success || !body.success) return { ok: false, errors };
  const spec = complete(body.data, null, '', errors);
  if (!spec || errors.length > 0) return { ok: false, errors };
  return { ok: true, value: { ...spec, id: head.data.id, kpi_id: head.data.kpi_id } };
}
