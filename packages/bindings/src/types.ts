// The KPI binding language: which source records a KPI measures, how they are filtered and
// aggregated, which period they fall into and whom they are attributed to. Field names are
// snake_case so the registry's JSON can be used as is. Compute compiles these to parameterized SQL.

export const FILTER_OPS = [
  'eq',
  'neq',
  'in',
  'not_in',
  'gt',
  'gte',
  'lt',
  'lte',
  'between',
  'is_null',
  'contains',
] as const;
export type FilterOp = (typeof FILTER_OPS)[number];

export const AGGREGATION_FNS = [
  'count',
  'distinct_count',
  'sum',
  'avg',
  'min',
  'max',
  'percentile',
  'ratio',
] as const;
export type AggregationFn = (typeof AGGREGATION_FNS)[number];

export const OWNERSHIP_RULES = [
  'assigned_to',
  'closed_by',
  'technician_id',
  'created_by',
  'team',
  'custom',
] as const;
export type OwnershipRule = (typeof OWNERSHIP_RULES)[number];

export const DURATION_UNITS = ['seconds', 'minutes', 'hours', 'days'] as const;
export type DurationUnit = (typeof DURATION_UNITS)[number];

/** A filter operand: strings for string/enum fields and ISO-8601 timestamps, numbers, booleans. */
export type Scalar = string | number | boolean;

/**
 * A tenant setting as a filter operand (see `BINDING_SETTINGS`): the tenant's value when the
 * binding is evaluated, else the setting's default. Number settings fit `eq`, `neq`, `gt`, `gte`,
 * `lt`, `lte` on number fields and durations; value-list settings fit `in` and `not_in` on the
 * field they list values of.
 */
export interface SettingRef {
  setting: string;
}

export type FilterValue = Scalar | Scalar[] | SettingRef;

/** A derived measure: `to − from` in `unit`, for records where both timestamps are present. */
export interface Duration {
  from: string;
  to: string;
  unit: DurationUnit;
}

/**
 * One condition on a catalog field — or, with `duration` instead of `field`, on the span between
 * two timestamp fields of the record (`to − from` in `unit`; only the ordered ops, with a number,
 * `[low, high]` or a number setting; a record without either timestamp never matches). All
 * conditions of a binding must hold (AND).
 * - `eq`, `neq`: one value of the field's type (an enum value for enums, ISO-8601 for timestamps).
 * - `in`, `not_in`: a non-empty array of such values.
 * - `gt`, `gte`, `lt`, `lte`: number and timestamp fields only.
 * - `between`: `[low, high]`, inclusive on both ends, number and timestamp fields only.
 * - `is_null`: `value` true (the default) keeps records without the field, false those with it.
 * - `contains`: case-sensitive substring of a string field.
 * A record without the field matches only `is_null` (true), `neq` and `not_in` — absent is
 * distinct from every value (SQL `IS DISTINCT FROM`), never "unknown".
 */
export interface Filter {
  field?: string | undefined;
  duration?: Duration | undefined;
  op: FilterOp;
  value?: FilterValue | undefined;
}

/**
 * - `count`: records (with `field`: records where it is present).
 * - `distinct_count`: distinct values of `field`.
 * - `sum`, `avg`, `min`, `max`, `percentile`: over a number `field` or a `duration`;
 *   `percentile` takes `p` in (0, 1), continuous (`percentile_cont`).
 * - `ratio`: `formula.scale × numerator / denominator`; a denominator of 0 is no data.
 */
export interface Aggregation {
  fn: AggregationFn;
  field?: string | undefined;
  duration?: Duration | undefined;
  p?: number | undefined;
}

/**
 * Whom a record counts for. `assigned_to`, `closed_by`, `technician_id` and `created_by` read
 * the person field of that name (`field` may name another person field instead); `team`
 * credits every member of the team in `field` (default `team_id`, a team field); `custom`
 * names any field path (`owner_id`, `extra.agent_id`). Attribution is point-in-time: the owner
 * is the value on the version of the record in force at the record's `time_field` instant, so a
 * later reassignment does not move history; for `team`, membership at that instant counts.
 */
export interface Ownership {
  rule: OwnershipRule;
  field?: string | undefined;
}

export interface Source {
  domain: string;
  entity: string;
}

/**
 * A binding without its KPI: also the shape of a formula side. The period window is half-open
 * on `time_field` — a record belongs to period [start, end) when start ≤ time_field < end;
 * records without the time field never count. Filters and measures read the record's latest
 * upserted version (deleted records drop out); ownership reads the version in force at
 * `time_field` (see Ownership).
 */
export interface BindingSpec {
  source: Source;
  filter?: Filter[] | undefined;
  time_field: string;
  aggregation: Aggregation;
  ownership: Ownership;
  formula?: Formula | undefined;
}

/**
 * A side of a formula may leave out `source`, `time_field` and `ownership`, which it then takes
 * from the enclosing binding; the enclosing binding's filters apply to both sides (ANDed before
 * the side's own). Use `resolveFormulaSide` to get the full spec.
 */
export type FormulaSide = Omit<BindingSpec, 'source' | 'time_field' | 'ownership' | 'formula'> &
  Partial<Pick<BindingSpec, 'source' | 'time_field' | 'ownership'>>;

export interface Formula {
  numerator: FormulaSide;
  denominator: FormulaSide;
  /** Multiplies the quotient, e.g. 100 for a percentage (default 1). */
  scale?: number | undefined;
}

/** The registry's binding body: one KPI's measurement. */
export interface Binding extends BindingSpec {
  kpi_id: string;
}
