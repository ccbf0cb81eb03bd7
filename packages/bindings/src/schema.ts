import { z } from 'zod';
import { AGGREGATION_FNS, DURATION_UNITS, FILTER_OPS, OWNERSHIP_RULES } from './types';

// The shape of a binding body. Catalog checks (fields exist, types fit ops) live in validate.ts;
// this only says which keys there are and what JSON types they hold.

const name = z.string().min(1, 'must be a non-empty string');
const scalar = z.union([z.string(), z.number().finite(), z.boolean()]);

const duration = z.object({ from: name, to: name, unit: z.enum(DURATION_UNITS) }).strict();
const settingRef = z.object({ setting: name }).strict();

/** A field or a duration (exactly one: validate.ts says which is missing). */
export const filterSchema = z
  .object({
    field: name.optional(),
    duration: duration.optional(),
    op: z.enum(FILTER_OPS),
    value: z.union([scalar, z.array(scalar), settingRef]).optional(),
  })
  .strict();

export const aggregationSchema = z.object({
  fn: z.enum(AGGREGATION_FNS),
  field: name.optional(),
  duration: duration.optional(),
  p: z.number().finite().optional(),
});

export const ownershipSchema = z.object({ rule: z.enum(OWNERSHIP_RULES), field: name.optional() });
export const sourceSchema = z.object({ domain: name, entity: name });

const spec = {
  source: sourceSchema,
  filter: z.array(filterSchema).optional(),
  time_field: name,
  aggregation: aggregationSchema,
  ownership: ownershipSchema,
};

export const formulaSideSchema = z
  .object({
    ...spec,
    source: sourceSchema.optional(),
    time_field: name.optional(),
    ownership: ownershipSchema.optional(),
  })
  .strict();

export const formulaSchema = z.object({
  numerator: formulaSideSchema,
  denominator: formulaSideSchema,
  scale: z.number().finite().gt(0, 'must be > 0').optional(),
});

export const bindingSpecSchema = z.object({ ...spec, formula: formulaSchema.optional() }).strict();

export const bindingSchema = bindingSpecSchema.extend({ kpi_id: name }).strict();
