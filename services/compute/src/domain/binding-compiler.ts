import {
  bindingSetting,
  ownershipField,
  resolveFormulaSide,
  type Aggregation,
  type BindingSpec,
  type Duration,
  type DurationUnit,
  type Filter,
  type SettingRef,
} from '@scorecard/bindings';
import { entitySpec, fieldSpec, type FieldSpec } from '@scorecard/contracts';

/**
 * Compiles KPI bindings to parameterized SQL over `source_facts`. Pure: binding → {sql, params}.
 * Bindings arrive validated by `@scorecard/bindings` (ops, value types, measures, `p`); the
 * compiler still checks every field name against the source catalog and an identifier pattern
 * right before it reaches the SQL text, and every value, percentile and custom path travels as a
 * parameter.
 *
 * Bindings are split into leaves (a formula contributes its numerator and denominator) and leaves
 * that share source, entity, time field and ownership are compiled into ONE query with a FILTER
 * per leaf, so a template of 20 KPIs over five entities costs about five scans of the facts.
 *
 * Semantics of one query:
 * - records: the latest version of each record (deleted records drop out) whose time field lies in
 *   the period, half-open [start, end);
 * - ownership is point-in-time: the owner is the ownership field of the version current at the
 *   record's time-field instant (`valid_from ≤ t < valid_to`), so a later reassignment does not
 *   move credit; with the `team` rule every member of that team at t is credited;
 * - per leaf: its filter, its aggregation, the matched record ids (first 1,000, by id) and count;
 * - a tenant setting in a filter is read from `tenant_settings.binding_settings` by the query
 *   itself (name and default as parameters), so every evaluation uses the tenant's current value.
 */

export type CompileError = { path: string; message: string };
export type Compiled<T> = { ok: true; value: T } | { ok: false; errors: CompileError[] };

/** How a KPI's actual comes out of the leaf values. */
export type KpiPlan =
  { kind: 'leaf'; leaf: string } | { kind: 'ratio'; numerator: string; denominator: string; scale: number };

interface Owner {
  kind: 'person' | 'team';
  /** A catalog field, or a custom JSON path (only through a parameter). */
  field: string | null;
  path: string[] | null;
}

interface Leaf {
  key: string;
  aggregation: Aggregation;
  filter: Filter[];
}

export interface LeafGroup {
  source: string;
  entity: string;
  timeField: string;
  owner: Owner;
  leaves: Leaf[];
}

export interface BindingPlan {
  groups: LeafGroup[];
  kpis: Map<string, KpiPlan>;
}

export interface EvaluationScope {
  tenantId: string;
  start: string;
  end: string;
  /** Restrict to these employees (incremental recompute, preview); absent = everyone. */
  employeeIds?: readonly string[];
}

/** Result columns: `employee_id`, then per leaf `v<i>` (value), and per evidence slot `n<j>`, `e<j>`. */
export interface CompiledQuery {
  sql: string;
  params: unknown[];
  leaves: { key: string; value: string; count: string; evidence: string }[];
}

const IDENT = /^[a-z_][a-z0-9_]*$/;
const EXTRA_KEY = /^extra\.([A-Za-z0-9_.-]+)$/;
export const EVIDENCE_LIMIT = 1_000;

const UNIT_SECONDS: Record<DurationUnit, number> = { seconds: 1, minutes: 60, hours: 3_600, days: 86_400 };

function field(
  source: string,
  entity: string,
  name: string,
  path: string,
  errors: CompileError[],
): FieldSpec | null {
  const spec = IDENT.test(name) ? fieldSpec(source, entity, name) : undefined;
  if (!spec) errors.push({ path, message: `${source}/${entity} has no field ${name}` });
  return spec ?? null;
}

function ownerOf(b: BindingSpec, path: string, errors: CompileError[]): Owner | null {
  const { domain: source, entity } = b.source;
  const name = ownershipField(b.ownership);
  const kind = b.ownership.rule === 'team' ? 'team' : 'person';
  // A connector's non-canonical field: extras are stored beside the canonical fields of the fact,
  // so the owner is that key, passed as a parameter (it never reaches the SQL text).
  const extra = b.ownership.rule === 'custom' ? EXTRA_KEY.exec(name) : null;
  if (extra?.[1]) return { kind, field: null, path: [extra[1]] };
  return field(source, entity, name, `${path}ownership`, errors) ? { kind, field: name, path: null } : null;
}

/** Every other field name the leaf puts into SQL: filters, the measure, a duration's ends. */
function checkLeafFields(b: BindingSpec, path: string, errors: CompileError[]): void {
  const { domain: source, entity } = b.source;
  (b.filter ?? []).forEach((c, i) => {
    if (c.duration)
      for (const k of ['from', 'to'] as const)
        field(source, entity, c.duration[k], `${path}filter[${i}].duration.${k}`, errors);
    else field(source, entity, c.field ?? '', `${path}filter[${i}].field`, errors);
    if (isSettingRef(c.value) && !bindingSetting(c.value.setting))
      errors.push({
        path: `${path}filter[${i}].value.setting`,
        message: `unknown setting ${c.value.setting}`,
      });
  });
  const { duration } = b.aggregation;
  if (duration)
    for (const k of ['from', 'to'] as const)
      field(source, entity, duration[k], `${path}aggregation.duration.${k}`, errors);
  if (b.aggregation.field !== undefined)
    field(source, entity, b.aggregation.field, `${path}aggregation.field`, errors);
}

/**
 * Splits bindings (keyed by KPI id) into leaf groups. Checks every field against the catalog;
 * the time field must be a timestamp.
 */
export function planBindings(bindings: readonly { key: string; spec: BindingSpec }[]): Compiled<BindingPlan> {
  const errors: CompileError[] = [];
  const groups = new Map<string, LeafGroup>();
  const kpis = new Map<string, KpiPlan>();
  const addLeaf = (b: BindingSpec, key: string, path: string): boolean => {
    const before = errors.length;
    const { domain: source, entity } = b.source;
    if (!entitySpec(source, entity)) {
      errors.push({ path: `${path}source`, message: `unknown source ${source}/${entity}` });
      return false;
    }
    field(source, entity, b.time_field, `${path}time_field`, errors);
    const owner = ownerOf(b, path, errors);
    checkLeafFields(b, path, errors);
    if (!owner || errors.length > before) return false;
    const groupKey = JSON.stringify([source, entity, b.time_field, owner]);
    let group = groups.get(groupKey);
    if (!group) {
      group = { source, entity, timeField: b.time_field, owner, leaves: [] };
      groups.set(groupKey, group);
    }
    group.leaves.push({ key, aggregation: b.aggregation, filter: b.filter ?? [] });
    return true;
  };
  for (const { key, spec } of bindings) {
    const path = bindings.length > 1 ? `${key}.` : '';
    if (spec.formula) {
      const { numerator, denominator } = spec.formula;
      const num = addLeaf(
        resolveFormulaSide(spec, numerator),
        `${key}#numerator`,
        `${path}formula.numerator.`,
      );
      const den = addLeaf(
        resolveFormulaSide(spec, denominator),
        `${key}#denominator`,
        `${path}formula.denominator.`,
      );
      if (num && den)
        kpis.set(key, {
          kind: 'ratio',
          numerator: `${key}#numerator`,
          denominator: `${key}#denominator`,
          scale: spec.formula.scale ?? 1,
        });
    } else if (addLeaf(spec, key, path)) {
      kpis.set(key, { kind: 'leaf', leaf: key });
    }
  }
  return errors.length > 0
    ? { ok: false, errors }
    : { ok: true, value: { groups: [...groups.values()], kpis } };
}

/** Collects parameters and returns their typed placeholders. */
class Params {
  readonly values: unknown[] = [];
  add(value: unknown, cast: string): string {
    this.values.push(value);
    return `$${this.values.length}::${cast}`;
  }
}

const CASTS = {
  number: 'float8',
  boolean: 'boolean',
  timestamp: 'timestamptz',
  string: 'text',
  enum: 'text',
} as const;

/** A catalog field of a row alias, typed. `name` is catalog-checked before it gets here. */
function typed(alias: string, name: string, spec: FieldSpec): string {
  const text = `${alias}.data->>'${name}'`;
  return spec.type === 'string' || spec.type === 'enum' ? `(${text})` : `(${text})::${CASTS[spec.type]}`;
}

const isSettingRef = (v: Filter['value']): v is SettingRef =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** `to − from` of a row in `unit`, as float8 (null when either end is absent). */
function durationOf(alias: string, d: Duration): string {
  return `(extract(epoch FROM (${alias}.data->>'${d.to}')::timestamptz - (${alias}.data->>'${d.from}')::timestamptz) / ${UNIT_SECONDS[d.unit]})::float8`;
}

/**
 * The tenant's value of a setting, else its default: a scalar subquery over `tenant_settings`
 * (evaluated once per query), with the name and the default as parameters.
 */
function settingValue(ref: SettingRef, tenant: string, params: Params): string {
  const s = bindingSetting(ref.setting);
  if (!s) throw new Error(`unknown setting ${ref.setting}`);
  const name = params.add(ref.setting, 'text');
  if (s.type === 'number')
    return `coalesce((SELECT (s.binding_settings->>${name})::float8 FROM tenant_settings s WHERE s.tenant_id = ${tenant}), ${params.add(s.default, 'float8')})`;
  return `coalesce((SELECT array_agg(v) FROM tenant_settings s CROSS JOIN LATERAL jsonb_array_elements_text(s.binding_settings->${name}) AS v WHERE s.tenant_id = ${tenant}), ${params.add([...s.default], 'text[]')})`;
}

function condition(
  alias: string,
  source: string,
  entity: string,
  c: Filter,
  params: Params,
  tenant: string,
): string {
  const spec: FieldSpec = c.duration
    ? { type: 'number' }
    : (fieldSpec(source, entity, c.field as string) as FieldSpec);
  const expr = c.duration ? durationOf(alias, c.duration) : typed(alias, c.field as string, spec);
  const cast = CASTS[spec.type];
  const setting = isSettingRef(c.value) ? settingValue(c.value, tenant, params) : null;
  const one = (v: unknown) => setting ?? params.add(spec.type === 'string' ? String(v) : v, cast);
  const list = () =>
    setting ??
    params.add(
      (c.value as unknown[]).map((v) => (spec.type === 'string' ? String(v) : v)),
      `${cast}[]`,
    );
  switch (c.op) {
    case 'eq':
      return `${expr} = ${one(c.value)}`;
    case 'neq':
      return `${expr} IS DISTINCT FROM ${one(c.value)}`;
    case 'gt':
      return `${expr} > ${one(c.value)}`;
    case 'gte':
      return `${expr} >= ${one(c.value)}`;
    case 'lt':
      return `${expr} < ${one(c.value)}`;
    case 'lte':
      return `${expr} <= ${one(c.value)}`;
    case 'in':
      return `${expr} = ANY(${list()})`;
    case 'not_in':
      return `NOT coalesce(${expr} = ANY(${list()}), false)`;
    case 'between': {
      const [low, high] = c.value as [unknown, unknown];
      return `${expr} BETWEEN ${one(low)} AND ${one(high)}`;
    }
    case 'is_null':
      return `${alias}.data->>'${c.field}' IS ${c.value === false ? 'NOT NULL' : 'NULL'}`;
    case 'contains':
      return `strpos(${expr}, ${params.add(typeof c.value === 'string' ? c.value : '', 'text')}) > 0`;
  }
}

function measure(alias: string, source: string, entity: string, agg: Aggregation): string {
  if (agg.duration) return durationOf(alias, agg.duration);
  const name = agg.field as string;
  const spec = fieldSpec(source, entity, name) as FieldSpec;
  if (agg.fn === 'distinct_count') return `(${alias}.data->>'${name}')`;
  return typed(alias, name, spec);
}

function aggregate(agg: Aggregation, m: () => string, filter: string, params: Params): string {
  switch (agg.fn) {
    case 'count':
      return `(count(*)${filter})::float8`;
    case 'distinct_count':
      return `(count(DISTINCT ${m()})${filter})::float8`;
    case 'sum':
    case 'avg':
    case 'min':
    case 'max':
      return `${agg.fn}(${m()})${filter}`;
    case 'percentile': {
      return `percentile_cont(${params.add(agg.p, 'float8')}) WITHIN GROUP (ORDER BY ${m()})${filter}`;
    }
    case 'ratio':
      throw new Error('a ratio is planned as two leaves');
  }
}

/** Compiles one leaf group to a single query for the scope. */
export function compileGroup(group: LeafGroup, scope: EvaluationScope): CompiledQuery {
  const params = new Params();
  const { source, entity, owner } = group;
  const tenant = params.add(scope.tenantId, 'text');
  const src = params.add(source, 'text');
  const ent = params.add(entity, 'text');
  const timeSpec = fieldSpec(source, entity, group.timeField) as FieldSpec;
  const t = typed('r', group.timeField, timeSpec);

  // Conditions every leaf shares narrow the scan; the rest become per-leaf FILTERs.
  const keyOf = (c: Filter) => JSON.stringify([c.field ?? c.duration, c.op, c.value ?? null]);
  const shared =
    group.leaves[0]?.filter.filter((c) =>
      group.leaves.every((l) => l.filter.some((o) => keyOf(o) === keyOf(c))),
    ) ?? [];
  const sharedKeys = new Set(shared.map(keyOf));

  const start = params.add(scope.start, 'timestamptz');
  const end = params.add(scope.end, 'timestamptz');
  const where = [
    `r.tenant_id = ${tenant}`,
    `r.source = ${src}`,
    `r.entity = ${ent}`,
    'r.is_latest',
    `r.op = 'upsert'`,
    `${t} >= ${start}`,
    `${t} < ${end}`,
    ...shared.map((c) => condition('r', source, entity, c, params, tenant)),
  ];
  let employees: string | null = null;
  if (scope.employeeIds) {
    employees = params.add(scope.employeeIds, 'text[]');
    const refs =
      owner.kind === 'person'
        ? employees
        : `ARRAY(SELECT DISTINCT e.data->>'team_id' FROM source_facts e WHERE e.tenant_id = ${tenant} AND e.source = 'hr' AND e.entity = 'employee' AND e.entity_id = ANY(${employees}) AND e.data->>'team_id' IS NOT NULL)`;
    where.push(
      `r.entity_id IN (SELECT l.entity_id FROM fact_links l WHERE l.tenant_id = ${tenant} AND l.source = ${src} AND l.entity = ${ent} AND l.kind = '${owner.kind}' AND l.ref_id = ANY(${refs}))`,
    );
  }

  const pathParam = owner.path ? params.add(owner.path, 'text[]') : '';
  const holderOf = (alias: string) =>
    owner.field !== null ? `${alias}.data->>'${owner.field}'` : `${alias}.data #>> ${pathParam}`;
  const holder =
    `CASE WHEN r.valid_from <= r.t THEN ${holderOf('r')} ELSE (SELECT ${holderOf('v')} FROM source_facts v ` +
    `WHERE v.tenant_id = r.tenant_id AND v.source = r.source AND v.entity = r.entity AND v.entity_id = r.entity_id ` +
    `AND v.op = 'upsert' AND v.valid_from <= r.t AND r.t < v.valid_to) END`;

  // Only the values the aggregates need travel past the scan (narrow rows group and sort fast):
  // one boolean column per distinct residual condition, one column per distinct measure.
  const projected = new Map<string, string>();
  const column = (prefix: string, expr: string): string => {
    let name = projected.get(expr);
    if (!name) {
      name = `${prefix}${projected.size}`;
      projected.set(expr, name);
    }
    return `c.${name}`;
  };

  const columns: string[] = [];
  const leaves: CompiledQuery['leaves'] = [];
  const evidence = new Map<string, { count: string; evidence: string }>();
  group.leaves.forEach((leaf, i) => {
    const residual = leaf.filter.filter((c) => !sharedKeys.has(keyOf(c)));
    const predicate = residual
      .map((c) => column('p', condition('r', source, entity, c, params, tenant)))
      .join(' AND ');
    const filter = predicate ? ` FILTER (WHERE ${predicate})` : '';
    const m = () => column('m', measure('r', source, entity, leaf.aggregation));
    columns.push(`${aggregate(leaf.aggregation, m, filter, params)} AS v${i}`);
    // Leaves with the same filter match the same records: their evidence is computed once.
    const residualKey = JSON.stringify(residual.map(keyOf).sort());
    let slot = evidence.get(residualKey);
    if (!slot) {
      const j = evidence.size;
      slot = { count: `n${j}`, evidence: `e${j}` };
      evidence.set(residualKey, slot);
      columns.push(`(count(*)${filter})::int AS n${j}`);
      columns.push(`(array_agg(c.entity_id ORDER BY c.entity_id)${filter})[1:${EVIDENCE_LIMIT}] AS e${j}`);
    }
    leaves.push({ key: leaf.key, value: `v${i}`, ...slot });
  });
  const values = [...projected].map(([expr, name]) => `, ${expr} AS ${name}`).join('');
  const aggregates = `${columns.join(', ')} FROM credited c GROUP BY c.employee_id`;
  const rec = `rec AS MATERIALIZED (SELECT r.entity_id, r.t, ${holder} AS holder${values} FROM (SELECT r.*, ${t} AS t FROM source_facts r WHERE ${where.join(' AND ')}) r)`;

  let sql: string;
  if (owner.kind === 'person') {
    sql = [
      `WITH ${rec},`,
      `credited AS (SELECT o.*, o.holder AS employee_id FROM rec o WHERE o.holder IS NOT NULL${employees ? ` AND o.holder = ANY(${employees})` : ''})`,
      `SELECT c.employee_id, ${aggregates}`,
    ].join('\n');
  } else {
    // Team credit: members of a team share its records, so the records are aggregated once per
    // membership history (the member's team spans overlapping the period), not once per member —
    // a team of ten costs one evaluation, not ten. Spans of one employee never overlap, so a record
    // falls in at most one span of a history and is counted once. A span is cut to the employment
    // (hired_at … exited_at): an HR record's first version is valid from -infinity, which must not
    // credit a new hire with the team's work from before they joined.
    const names = columns.map((c) => c.slice(c.lastIndexOf(' AS ') + 4));
    sql = [
      `WITH members AS MATERIALIZED (SELECT * FROM (SELECT m.entity_id AS employee_id, m.data->>'team_id' AS team_id, ` +
        `greatest(m.valid_from, coalesce((m.data->>'hired_at')::timestamptz, '-infinity')) AS valid_from, ` +
        `least(m.valid_to, coalesce((m.data->>'exited_at')::timestamptz, 'infinity')) AS valid_to ` +
        `FROM source_facts m WHERE m.tenant_id = ${tenant} AND m.source = 'hr' AND m.entity = 'employee' AND m.op = 'upsert' ` +
        `AND m.data->>'team_id' IS NOT NULL AND m.valid_from < ${end} AND m.valid_to > ${start}` +
        `${employees ? ` AND m.entity_id = ANY(${employees})` : ''}) AS s ` +
        `WHERE s.valid_from < s.valid_to AND s.valid_from < ${end} AND s.valid_to > ${start}),`,
      `histories AS MATERIALIZED (SELECT employee_id, string_agg(team_id || '|' || valid_from || '|' || valid_to, ',' ORDER BY valid_from) AS history FROM members GROUP BY employee_id),`,
      `spans AS MATERIALIZED (SELECT DISTINCT h.history, m.team_id, m.valid_from, m.valid_to FROM members m JOIN histories h USING (employee_id)),`,
      `${rec},`,
      `credited AS (SELECT o.*, s.history AS employee_id FROM rec o JOIN spans s ON s.team_id = o.holder AND s.valid_from <= o.t AND o.t < s.valid_to),`,
      `per_history AS (SELECT c.employee_id AS history, ${aggregates})`,
      `SELECT h.employee_id, ${names.map((n) => `a.${n}`).join(', ')} FROM per_history a JOIN histories h USING (history)`,
    ].join('\n');
  }
  return { sql, params: params.values, leaves };
}
