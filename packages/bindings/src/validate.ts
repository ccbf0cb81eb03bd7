import type { z } from 'zod';
import { entitySpec, sourceCatalog, type EntitySpec, type FieldSpec } from '@scorecard/contracts';
import { bindingSchema, bindingSpecSchema } from './schema';
import { ownershipField } from './resolve';
import { bindingSetting } from './settings';
import type { Binding, BindingSpec, Duration, Filter, FormulaSide, Scalar, SettingRef } from './types';

export interface BindingIssue {
  /** Dotted path with [index] for arrays, e.g. `formula.numerator.filter[2].value`. */
  path: string;
  message: string;
}

export type BindingValidation<T> =
  { ok: true; value: T } | { ok: false; code: 'invalid'; errors: BindingIssue[] };

/** Validates a registry binding body (`kpi_id` + spec) against the source schema catalog. */
export function validateBinding(input: unknown): BindingValidation<Binding> {
  return run(bindingSchema, input) as BindingValidation<Binding>;
}

/** The same checks for a spec without `kpi_id` (e.g. an ad-hoc preview). */
export function validateBindingSpec(input: unknown): BindingValidation<BindingSpec> {
  return run(bindingSpecSchema, input);
}

function run(schema: z.ZodTypeAny, input: unknown): BindingValidation<BindingSpec> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const errors = parsed.error.issues.flatMap((i) =>
      i.code === 'unrecognized_keys'
        ? i.keys.map((k) => ({ path: join(formatPath(i.path), k), message: 'unknown field' }))
        : [{ path: formatPath(i.path) || '(root)', message: i.message }],
    );
    return { ok: false, code: 'invalid', errors };
  }
  const spec = parsed.data as BindingSpec;
  const errors: BindingIssue[] = [];
  checkSpec(spec, '', errors);
  return errors.length > 0 ? { ok: false, code: 'invalid', errors } : { ok: true, value: spec };
}

const NUMERIC_FNS = new Set(['sum', 'avg', 'min', 'max', 'percentile']);
const ORDERED_OPS = new Set(['gt', 'gte', 'lt', 'lte', 'between']);

function checkSpec(spec: BindingSpec, prefix: string, errors: BindingIssue[]): void {
  const at = (key: string) => join(prefix, key);
  const entity = checkSource(spec.source, at('source'), errors);
  const { fn } = spec.aggregation;
  if (fn === 'ratio' && spec.formula === undefined)
    errors.push({ path: at('formula'), message: 'ratio needs formula {numerator, denominator}' });
  if (fn !== 'ratio' && spec.formula !== undefined)
    errors.push({ path: at('formula'), message: 'formula is only used with aggregation.fn ratio' });
  if (entity !== undefined) checkRecordFields(spec, entity, spec.source, prefix, errors);
  if (spec.formula === undefined) return;
  for (const side of ['numerator', 'denominator'] as const)
    checkSide(spec, spec.formula[side], join(prefix, `formula.${side}`), errors);
}

function checkSide(parent: BindingSpec, side: FormulaSide, prefix: string, errors: BindingIssue[]): void {
  const at = (key: string) => join(prefix, key);
  if (side.aggregation.fn === 'ratio') {
    errors.push({ path: at('aggregation.fn'), message: 'a formula side cannot itself be a ratio' });
    return;
  }
  const source = side.source ?? parent.source;
  const entity = side.source
    ? checkSource(side.source, at('source'), errors)
    : entitySpec(source.domain, source.entity);
  if (entity === undefined) return;
  const resolved: BindingSpec = {
    source,
    time_field: side.time_field ?? parent.time_field,
    ownership: side.ownership ?? parent.ownership,
    aggregation: side.aggregation,
    filter: side.filter,
  };
  checkRecordFields(resolved, entity, source, prefix, errors);
  // The binding's own filters also apply to this side, so they must make sense on its source.
  if (side.source === undefined) return;
  (parent.filter ?? []).forEach((f, i) => {
    for (const name of filterFields(f))
      if (entity.fields[name] === undefined)
        errors.push({
          path: `filter[${i}].${f.field !== undefined ? 'field' : 'duration'}`,
          message: `${name} is not a field of ${label(source)}, which ${prefix} reads`,
        });
  });
}

function checkSource(
  source: BindingSpec['source'],
  path: string,
  errors: BindingIssue[],
): EntitySpec | undefined {
  if (!Object.hasOwn(sourceCatalog, source.domain)) {
    errors.push({
      path: `${path}.domain`,
      message: `unknown source domain ${source.domain}; one of ${Object.keys(sourceCatalog).join(', ')}`,
    });
    return undefined;
  }
  const entity = entitySpec(source.domain, source.entity);
  if (entity === undefined) {
    const known = Object.keys(sourceCatalog[source.domain as keyof typeof sourceCatalog]).join(', ');
    errors.push({
      path: `${path}.entity`,
      message: `unknown entity ${source.entity} of ${source.domain}; one of ${known}`,
    });
  }
  return entity;
}

/** Everything that names a field of the record: time field, filters, measure, owner. */
function checkRecordFields(
  spec: BindingSpec,
  entity: EntitySpec,
  source: BindingSpec['source'],
  prefix: string,
  errors: BindingIssue[],
): void {
  const at = (key: string) => join(prefix, key);
  const field = (name: string, path: string): FieldSpec | undefined => {
    const f = Object.hasOwn(entity.fields, name) ? entity.fields[name] : undefined;
    if (f === undefined) errors.push({ path, message: `${name} is not a field of ${label(source)}` });
    return f;
  };
  const time = field(spec.time_field, at('time_field'));
  if (time && time.type !== 'timestamp')
    errors.push({
      path: at('time_field'),
      message: `${spec.time_field} is ${time.type}; time_field must be a timestamp`,
    });

  (spec.filter ?? []).forEach((f, i) => {
    const path = at(`filter[${i}]`);
    if ((f.field === undefined) === (f.duration === undefined)) {
      errors.push({ path: `${path}.field`, message: 'a condition names a field or a duration, not both' });
      return;
    }
    if (f.duration !== undefined) {
      const ends = (['from', 'to'] as const).map((end) => {
        const name = (f.duration as Duration)[end];
        const fs = field(name, `${path}.duration.${end}`);
        if (fs && fs.type !== 'timestamp')
          errors.push({
            path: `${path}.duration.${end}`,
            message: `${name} is ${fs.type}; a duration spans two timestamps`,
          });
        return fs;
      });
      if (ends.every((e) => e?.type === 'timestamp')) checkFilter(f, DURATION_SPEC, path, source, errors);
      return;
    }
    const fs = field(f.field as string, `${path}.field`);
    if (fs) checkFilter(f, fs, path, source, errors);
  });

  const agg = spec.aggregation;
  if (agg.p !== undefined && agg.fn !== 'percentile')
    errors.push({ path: at('aggregation.p'), message: 'p only applies to percentile' });
  if (agg.fn === 'percentile' && (agg.p === undefined || !(agg.p > 0 && agg.p < 1)))
    errors.push({
      path: at('aggregation.p'),
      message: 'percentile needs p strictly between 0 and 1, e.g. 0.9',
    });
  if (agg.field !== undefined && agg.duration !== undefined)
    errors.push({ path: at('aggregation.duration'), message: 'give a field or a duration, not both' });
  if (agg.fn === 'ratio' || agg.fn === 'count' || agg.fn === 'distinct_count') {
    if (agg.duration !== undefined)
      errors.push({ path: at('aggregation.duration'), message: `duration does not apply to ${agg.fn}` });
    if (agg.fn === 'ratio' && agg.field !== undefined)
      errors.push({
        path: at('aggregation.field'),
        message: 'ratio takes its measures from the formula sides',
      });
    if (agg.fn === 'distinct_count' && agg.field === undefined)
      errors.push({ path: at('aggregation.field'), message: 'distinct_count needs a field' });
    if (agg.field !== undefined && agg.fn !== 'ratio') field(agg.field, at('aggregation.field'));
  } else if (NUMERIC_FNS.has(agg.fn)) {
    if (agg.field === undefined && agg.duration === undefined)
      errors.push({ path: at('aggregation.field'), message: `${agg.fn} needs a number field or a duration` });
    if (agg.field !== undefined) {
      const fs = field(agg.field, at('aggregation.field'));
      if (fs && fs.type !== 'number')
        errors.push({
          path: at('aggregation.field'),
          message: `${agg.fn} needs a number field; ${agg.field} is ${fs.type}`,
        });
    }
    if (agg.duration !== undefined) {
      for (const end of ['from', 'to'] as const) {
        const name = agg.duration[end];
        const fs = field(name, at(`aggregation.duration.${end}`));
        if (fs && fs.type !== 'timestamp')
          errors.push({
            path: at(`aggregation.duration.${end}`),
            message: `${name} is ${fs.type}; a duration spans two timestamps`,
          });
      }
    }
  }
  checkOwnership(spec.ownership, entity, source, at('ownership'), errors);
}

function checkOwnership(
  o: BindingSpec['ownership'],
  entity: EntitySpec,
  source: BindingSpec['source'],
  path: string,
  errors: BindingIssue[],
): void {
  if (o.rule === 'custom') {
    if (o.field === undefined) {
      errors.push({
        path: `${path}.field`,
        message: 'custom ownership names the field path that holds the owner',
      });
      return;
    }
    // Non-canonical fields travel under `extra`; they cannot be checked against the catalog.
    if (/^extra\.[A-Za-z_][\w.]*$/.test(o.field)) return;
    const fs = entity.fields[o.field];
    if (fs === undefined)
      errors.push({
        path: `${path}.field`,
        message: `${o.field} is not a field of ${label(source)} (use extra.<name> for others)`,
      });
    else if (fs.type !== 'string')
      errors.push({
        path: `${path}.field`,
        message: `${o.field} is ${fs.type}; an owner is a person or team id`,
      });
    return;
  }
  const name = ownershipField(o);
  const where = o.field === undefined ? `${path}.rule` : `${path}.field`;
  const fs = entity.fields[name];
  if (fs === undefined) {
    errors.push({
      path: where,
      message: `${label(source)} has no ${name} field; use custom with the owner field`,
    });
    return;
  }
  if (o.rule === 'team' && fs.team !== true)
    errors.push({ path: where, message: `${name} is not a team field of ${label(source)}` });
  if (o.rule !== 'team' && fs.person !== true)
    errors.push({ path: where, message: `${name} is not a person field of ${label(source)}` });
}

/** A duration compares like a number field that is never absent when both ends are present. */
const DURATION_SPEC: FieldSpec = { type: 'number' };
const SETTING_NUMBER_OPS = new Set(['eq', 'neq', 'gt', 'gte', 'lt', 'lte']);

/** The record fields a condition reads. */
function filterFields(f: Filter): string[] {
  return f.duration ? [f.duration.from, f.duration.to] : f.field !== undefined ? [f.field] : [];
}

const isSettingRef = (v: Filter['value']): v is SettingRef =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function checkFilter(
  f: Filter,
  fs: FieldSpec,
  path: string,
  source: BindingSpec['source'],
  errors: BindingIssue[],
): void {
  const bad = (message: string, sub = 'value'): void => {
    errors.push({ path: `${path}.${sub}`, message });
  };
  const { op, value } = f;
  const what = f.duration ? 'a duration' : f.field;
  if (f.duration && !ORDERED_OPS.has(op))
    return bad(`${op} does not apply to a duration; use gt, gte, lt, lte or between`, 'op');
  if (isSettingRef(value)) return checkSettingRef(f, value, fs, source, path, errors);
  if (op === 'is_null') {
    if (value !== undefined && typeof value !== 'boolean') bad('is_null takes true, false or nothing');
    return;
  }
  if (ORDERED_OPS.has(op) && fs.type !== 'number' && fs.type !== 'timestamp')
    return bad(`${op} needs a number or timestamp field; ${what} is ${fs.type}`, 'op');
  if (op === 'contains' && fs.type !== 'string')
    return bad(`contains needs a string field; ${what} is ${fs.type}`, 'op');
  if (op === 'in' || op === 'not_in') {
    if (!Array.isArray(value) || value.length === 0) return bad(`${op} needs a non-empty array of values`);
    value.forEach((v, j) => {
      const m = scalarProblem(v, fs);
      if (m) errors.push({ path: `${path}.value[${j}]`, message: m });
    });
    return;
  }
  if (op === 'between') {
    if (!Array.isArray(value) || value.length !== 2) return bad('between needs [low, high]');
    const [lo, hi] = value as [Scalar, Scalar];
    const m = scalarProblem(lo, fs) ?? scalarProblem(hi, fs);
    if (m) return bad(m);
    if (orderKey(lo) > orderKey(hi)) bad('between needs low <= high');
    return;
  }
  if (value === undefined || Array.isArray(value)) return bad(`${op} needs a single value`);
  const m = scalarProblem(value, fs);
  if (m) bad(m);
}

function checkSettingRef(
  f: Filter,
  ref: SettingRef,
  fs: FieldSpec,
  source: BindingSpec['source'],
  path: string,
  errors: BindingIssue[],
): void {
  const s = bindingSetting(ref.setting);
  const bad = (message: string) => errors.push({ path: `${path}.value.setting`, message });
  if (!s) return void bad(`unknown setting ${ref.setting}`);
  if (s.type === 'number') {
    if (!SETTING_NUMBER_OPS.has(f.op))
      return void bad(`${ref.setting} is a number; use it with eq, neq, gt, gte, lt or lte`);
    if (fs.type !== 'number')
      return void bad(`${ref.setting} is a number; ${f.field ?? 'the field'} is ${fs.type}`);
    return;
  }
  if (f.op !== 'in' && f.op !== 'not_in')
    return void bad(`${ref.setting} is a list of values; use it with in or not_in`);
  const { of } = s;
  if (f.duration || of.domain !== source.domain || of.entity !== source.entity || of.field !== f.field)
    bad(`${ref.setting} lists values of ${of.domain}/${of.entity}.${of.field}`);
}

const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

function scalarProblem(v: Scalar, fs: FieldSpec): string | undefined {
  switch (fs.type) {
    case 'string':
      return typeof v === 'string' ? undefined : `expected a string, got ${typeof v}`;
    case 'number':
      return typeof v === 'number' ? undefined : `expected a number, got ${typeof v}`;
    case 'boolean':
      return typeof v === 'boolean' ? undefined : `expected true or false, got ${typeof v}`;
    case 'timestamp':
      return typeof v === 'string' && ISO_TIMESTAMP.test(v) && !Number.isNaN(Date.parse(v))
        ? undefined
        : 'expected an ISO-8601 timestamp';
    case 'enum':
      return typeof v === 'string' && (fs.values ?? []).includes(v)
        ? undefined
        : `expected one of ${(fs.values ?? []).join(', ')}`;
  }
}

const orderKey = (v: Scalar): number => (typeof v === 'number' ? v : Date.parse(String(v)));

const label = (s: BindingSpec['source']) => `${s.domain}/${s.entity}`;

function join(prefix: string, key: string): string {
  if (prefix === '') return key;
  return key.startsWith('[') ? prefix + key : `${prefix}.${key}`;
}

function formatPath(path: readonly (string | number)[]): string {
  return path.reduce<string>((acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : join(acc, p)), '');
}
