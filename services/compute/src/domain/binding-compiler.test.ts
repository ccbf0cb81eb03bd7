import { validateBinding, type BindingSpec } from '@scorecard/bindings';
import { compileGroup, planBindings, type LeafGroup } from './binding-compiler';
import { kpiActual } from './kpi-actuals';

const scope = { tenantId: 'acme', start: '2026-11-01T00:00:00.000Z', end: '2026-12-01T00:00:00.000Z' };

const binding = (over: Record<string, unknown>): BindingSpec => {
  const parsed = validateBinding({
    kpi_id: 'k1',
    source: { domain: 'ticketing', entity: 'ticket' },
    time_field: 'closed_at',
    aggregation: { fn: 'count' },
    ownership: { rule: 'assigned_to' },
    ...over,
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.value;
};

function single(spec: BindingSpec, s: Parameters<typeof compileGroup>[1] = scope) {
  const plan = planBindings([{ key: 'k1', spec }]);
  if (!plan.ok) throw new Error(JSON.stringify(plan.errors));
  expect(plan.value.groups).toHaveLength(1);
  return compileGroup(plan.value.groups[0] as LeafGroup, s);
}

describe('compileGroup: aggregations', () => {
  it.each([
    [{ fn: 'count' }, null, '(count(*))::float8 AS v0', []],
    [
      { fn: 'distinct_count', field: 'team_id' },
      `(r.data->>'team_id') AS m0`,
      '(count(DISTINCT c.m0))::float8 AS v0',
      [],
    ],
    [
      { fn: 'sum', field: 'reopened_count' },
      `(r.data->>'reopened_count')::float8 AS m0`,
      'sum(c.m0) AS v0',
      [],
    ],
    [{ fn: 'avg', field: 'csat' }, `(r.data->>'csat')::float8 AS m0`, 'avg(c.m0) AS v0', []],
    [{ fn: 'min', field: 'csat' }, `(r.data->>'csat')::float8 AS m0`, 'min(c.m0) AS v0', []],
    [{ fn: 'max', field: 'csat' }, `(r.data->>'csat')::float8 AS m0`, 'max(c.m0) AS v0', []],
    [
      { fn: 'percentile', field: 'csat', p: 0.9 },
      `(r.data->>'csat')::float8 AS m0`,
      'percentile_cont($6::float8) WITHIN GROUP (ORDER BY c.m0) AS v0',
      [0.9],
    ],
    [
      { fn: 'avg', duration: { from: 'created_at', to: 'closed_at', unit: 'hours' } },
      `(extract(epoch FROM (r.data->>'closed_at')::timestamptz - (r.data->>'created_at')::timestamptz) / 3600)::float8 AS m0`,
      'avg(c.m0) AS v0',
      [],
    ],
  ])('%j', (aggregation, projection, column, extraParams) => {
    const q = single(binding({ aggregation }));
    if (projection) expect(q.sql).toContain(`END AS holder, ${projection} FROM`);
    else expect(q.sql).toContain('END AS holder FROM');
    expect(q.sql).toContain(column);
    expect(q.sql).toContain('(count(*))::int AS n0');
    expect(q.sql).toContain('(array_agg(c.entity_id ORDER BY c.entity_id))[1:1000] AS e0');
    expect(q.params).toEqual(['acme', 'ticketing', 'ticket', scope.start, scope.end, ...extraParams]);
    expect(q.leaves).toEqual([{ key: 'k1', value: 'v0', count: 'n0', evidence: 'e0' }]);
  });
});

describe('compileGroup: period window and point-in-time ownership', () => {
  it('selects latest versions in the half-open window of the time field', () => {
    const q = single(binding({}));
    expect(q.sql).toContain(
      `r.tenant_id = $1::text AND r.source = $2::text AND r.entity = $3::text AND r.is_latest AND r.op = 'upsert' ` +
        `AND (r.data->>'closed_at')::timestamptz >= $4::timestamptz AND (r.data->>'closed_at')::timestamptz < $5::timestamptz`,
    );
  });

  it.each([
    ['assigned_to', undefined, `r.data->>'assigned_to'`],
    ['closed_by', undefined, `r.data->>'closed_by'`],
    ['created_by', undefined, `r.data->>'created_by'`],
    ['assigned_to', 'csat_agent_id', `r.data->>'csat_agent_id'`],
    ['custom', 'csat_agent_id', `r.data->>'csat_agent_id'`],
  ])('rule %s (field %s) reads the owner from the version current at t', (rule, f, expr) => {
    const q = single(binding({ ownership: { rule, ...(f ? { field: f } : {}) } }));
    expect(q.sql).toContain(
      `CASE WHEN r.valid_from <= r.t THEN ${expr} ELSE (SELECT ${expr.replace('r.', 'v.')} FROM source_facts v`,
    );
    expect(q.sql).toContain('v.valid_from <= r.t AND r.t < v.valid_to');
    expect(q.sql).toContain('WHERE o.holder IS NOT NULL');
  });

  it('technician_id on work orders', () => {
    const q = single(
      binding({
        source: { domain: 'field_service', entity: 'work_order' },
        time_field: 'completed_at',
        ownership: { rule: 'technician_id' },
      }),
    );
    expect(q.sql).toContain(`r.data->>'technician_id'`);
    expect(q.params.slice(1, 3)).toEqual(['field_service', 'work_order']);
  });

  it("a connector's extra field (custom extra.<name>) travels as a parameter", () => {
    const q = single(binding({ ownership: { rule: 'custom', field: 'extra.agent.primary' } }));
    expect(q.sql).toContain('r.data #>> $6::text[]');
    expect(q.params[5]).toEqual(['agent.primary']);
  });

  it('team: every member of the owning team at t is credited, evaluated once per membership history', () => {
    const q = single(binding({ ownership: { rule: 'team' } }));
    expect(q.sql).toContain(`r.data->>'team_id'`);
    expect(q.sql).toContain(
      `FROM source_facts m WHERE m.tenant_id = $1::text AND m.source = 'hr' AND m.entity = 'employee' AND m.op = 'upsert' ` +
        `AND m.data->>'team_id' IS NOT NULL AND m.valid_from < $5::timestamptz AND m.valid_to > $4::timestamptz) AS s ` +
        `WHERE s.valid_from < s.valid_to AND s.valid_from < $5::timestamptz AND s.valid_to > $4::timestamptz)`,
    );
    // Membership spans are cut to the employment, not only to the HR record's versions.
    expect(q.sql).toContain(
      `greatest(m.valid_from, coalesce((m.data->>'hired_at')::timestamptz, '-infinity')) AS valid_from, ` +
        `least(m.valid_to, coalesce((m.data->>'exited_at')::timestamptz, 'infinity')) AS valid_to `,
    );
    expect(q.sql).toContain(
      'JOIN spans s ON s.team_id = o.holder AND s.valid_from <= o.t AND o.t < s.valid_to',
    );
    // The per-history aggregates come back once per member, under the member's id.
    expect(q.sql).toMatch(
      /SELECT h\.employee_id, a\.v0, a\.n0, a\.e0 FROM per_history a JOIN histories h USING \(history\)$/,
    );
  });

  it('restricted to employees through their fact links (person) or their teams (team)', () => {
    const person = single(binding({}), { ...scope, employeeIds: ['emp-1'] });
    expect(person.params[5]).toEqual(['emp-1']);
    expect(person.sql).toContain(`l.kind = 'person' AND l.ref_id = ANY($6::text[])`);
    expect(person.sql).toContain('o.holder = ANY($6::text[])');
    const team = single(binding({ ownership: { rule: 'team' } }), { ...scope, employeeIds: ['emp-1'] });
    expect(team.sql).toContain(`l.kind = 'team' AND l.ref_id = ANY(ARRAY(SELECT DISTINCT e.data->>'team_id'`);
    expect(team.sql).toContain(`AND m.entity_id = ANY($6::text[]))`);
  });
});

describe('compileGroup: filters', () => {
  it.each([
    [{ field: 'status', op: 'eq', value: 'closed' }, `(r.data->>'status') = $6::text`, 'closed'],
    [
      { field: 'status', op: 'neq', value: 'canceled' },
      `(r.data->>'status') IS DISTINCT FROM $6::text`,
      'canceled',
    ],
    [{ field: 'csat', op: 'gt', value: 3 }, `(r.data->>'csat')::float8 > $6::float8`, 3],
    [{ field: 'csat', op: 'gte', value: 3 }, `(r.data->>'csat')::float8 >= $6::float8`, 3],
    [{ field: 'reopened_count', op: 'lt', value: 1 }, `(r.data->>'reopened_count')::float8 < $6::float8`, 1],
    [
      { field: 'created_at', op: 'lte', value: '2026-11-02T00:00:00Z' },
      `(r.data->>'created_at')::timestamptz <= $6::timestamptz`,
      '2026-11-02T00:00:00Z',
    ],
    [
      { field: 'sla_breached', op: 'eq', value: false },
      `(r.data->>'sla_breached')::boolean = $6::boolean`,
      false,
    ],
    [
      { field: 'priority', op: 'in', value: ['high', 'urgent'] },
      `(r.data->>'priority') = ANY($6::text[])`,
      ['high', 'urgent'],
    ],
    [
      { field: 'priority', op: 'not_in', value: ['low'] },
      `NOT coalesce((r.data->>'priority') = ANY($6::text[]), false)`,
      ['low'],
    ],
    [
      { field: 'csat', op: 'between', value: [2, 4] },
      `(r.data->>'csat')::float8 BETWEEN $6::float8 AND $7::float8`,
      2,
    ],
    [
      { field: 'ticket_type', op: 'contains', value: 'fibre' },
      `strpos((r.data->>'ticket_type'), $6::text) > 0`,
      'fibre',
    ],
    [{ field: 'csat', op: 'is_null' }, `r.data->>'csat' IS NULL`, undefined],
    [{ field: 'csat', op: 'is_null', value: false }, `r.data->>'csat' IS NOT NULL`, undefined],
  ])('%j', (filter, predicate, param) => {
    const q = single(binding({ filter: [filter] }));
    expect(q.sql).toContain(`AND ${predicate})`);
    expect(q.params[5]).toEqual(param);
  });

  it('filters shared by every leaf narrow the scan; the others become FILTER clauses; evidence is shared per filter', () => {
    const closed = { field: 'status', op: 'eq', value: 'closed' };
    const plan = planBindings([
      { key: 'count', spec: binding({ filter: [closed] }) },
      { key: 'csat', spec: binding({ filter: [closed], aggregation: { fn: 'avg', field: 'csat' } }) },
      {
        key: 'breached',
        spec: binding({ filter: [closed, { field: 'sla_breached', op: 'eq', value: true }] }),
      },
    ]);
    if (!plan.ok) throw new Error('plan');
    expect(plan.value.groups).toHaveLength(1);
    const q = compileGroup(plan.value.groups[0] as LeafGroup, scope);
    expect(q.sql).toContain(`AND (r.data->>'status') = $6::text)`);
    expect(q.sql).toContain(`(r.data->>'sla_breached')::boolean = $7::boolean AS p1`);
    expect(q.sql).toContain(`(count(*) FILTER (WHERE c.p1))::float8 AS v2`);
    expect(q.leaves.map((l) => [l.key, l.value, l.count])).toEqual([
      ['count', 'v0', 'n0'],
      ['csat', 'v1', 'n0'],
      ['breached', 'v2', 'n1'],
    ]);
  });

  it('never puts a value into the SQL text', () => {
    const q = single(
      binding({ filter: [{ field: 'ticket_type', op: 'eq', value: "x'; DROP TABLE people; --" }] }),
    );
    expect(q.sql).not.toContain('DROP');
    expect(q.params).toContain("x'; DROP TABLE people; --");
  });
});

describe('compileGroup: durations between fields and tenant settings', () => {
  const shift = (filter: unknown[]) =>
    binding({
      source: { domain: 'care', entity: 'shift' },
      time_field: 'scheduled_start',
      ownership: { rule: 'custom', field: 'worker_id' },
      filter,
    });
  const late = `(extract(epoch FROM (r.data->>'actual_start')::timestamptz - (r.data->>'scheduled_start')::timestamptz) / 60)::float8`;
  const grace = `coalesce((SELECT (s.binding_settings->>$6::text)::float8 FROM tenant_settings s WHERE s.tenant_id = $1::text), $7::float8)`;
  const statuses = `coalesce((SELECT array_agg(v) FROM tenant_settings s CROSS JOIN LATERAL jsonb_array_elements_text(s.binding_settings->$6::text) AS v WHERE s.tenant_id = $1::text), $7::text[])`;
  const span = { from: 'scheduled_start', to: 'actual_start', unit: 'minutes' };
  it.each([
    ['a duration against a number', { duration: span, op: 'lte', value: 5 }, `${late} <= $6::float8`, [5]],
    [
      'a duration between numbers',
      { duration: span, op: 'between', value: [-10, 5] },
      `${late} BETWEEN $6::float8 AND $7::float8`,
      [-10, 5],
    ],
    [
      'a duration against a number setting (name and default are parameters)',
      { duration: span, op: 'lte', value: { setting: 'on_time_grace_minutes' } },
      `${late} <= ${grace}`,
      ['on_time_grace_minutes', 5],
    ],
    [
      'a field in a list setting',
      { field: 'status', op: 'in', value: { setting: 'attendance_rostered_statuses' } },
      `(r.data->>'status') = ANY(${statuses})`,
      ['attendance_rostered_statuses', ['completed', 'missed', 'cancelled_by_worker']],
    ],
    [
      'a field not in a list setting',
      { field: 'status', op: 'not_in', value: { setting: 'attendance_rostered_statuses' } },
      `NOT coalesce((r.data->>'status') = ANY(${statuses}), false)`,
      ['attendance_rostered_statuses', ['completed', 'missed', 'cancelled_by_worker']],
    ],
  ])('%s', (_name, filter, predicate, params) => {
    const q = single(shift([filter]));
    expect(q.sql).toContain(`AND ${predicate})`);
    expect(q.params.slice(5)).toEqual(params);
  });

  it('refuses an unknown setting or a duration end outside the catalog', () => {
    const raw = (filter: unknown) =>
      ({
        source: { domain: 'care', entity: 'shift' },
        time_field: 'scheduled_start',
        aggregation: { fn: 'count' },
        ownership: { rule: 'custom', field: 'worker_id' },
        filter: [filter],
      }) as BindingSpec;
    expect(
      planBindings([{ key: 'k1', spec: raw({ duration: { ...span, to: "x') --" }, op: 'lte', value: 1 }) }]),
    ).toEqual({
      ok: false,
      errors: [{ path: 'filter[0].duration.to', message: `care/shift has no field x') --` }],
    });
    expect(
      planBindings([{ key: 'k1', spec: raw({ duration: span, op: 'lte', value: { setting: 'grace' } }) }]),
    ).toEqual({ ok: false, errors: [{ path: 'filter[0].value.setting', message: 'unknown setting grace' }] });
  });
});

describe('planBindings', () => {
  it('groups by source, entity, time field and ownership, and plans ratios as two leaves', () => {
    const ratio = binding({
      aggregation: { fn: 'ratio' },
      formula: {
        numerator: {
          filter: [{ field: 'sla_breached', op: 'eq', value: false }],
          aggregation: { fn: 'count' },
        },
        denominator: { aggregation: { fn: 'count' } },
        scale: 100,
      },
    });
    const plan = planBindings([
      { key: 'k-ratio', spec: ratio },
      { key: 'k-team', spec: binding({ ownership: { rule: 'team' } }) },
      { key: 'k-created', spec: binding({ time_field: 'created_at' }) },
    ]);
    if (!plan.ok) throw new Error('plan');
    expect(plan.value.groups.map((g) => g.leaves.map((l) => l.key))).toEqual([
      ['k-ratio#numerator', 'k-ratio#denominator'],
      ['k-team'],
      ['k-created'],
    ]);
    expect(plan.value.kpis.get('k-ratio')).toEqual({
      kind: 'ratio',
      numerator: 'k-ratio#numerator',
      denominator: 'k-ratio#denominator',
      scale: 100,
    });
  });

  // Bindings arrive validated (@scorecard/bindings); the compiler still refuses any field name
  // outside the catalog before it could reach the SQL text.
  it.each([
    [{ time_field: 'nope' }, 'time_field', 'ticketing/ticket has no field nope'],
    [{ source: { domain: 'ticketing', entity: 'invoice' } }, 'source', 'unknown source ticketing/invoice'],
    [
      { filter: [{ field: "status' OR 1=1 --", op: 'eq', value: 'x' }] },
      'filter[0].field',
      `ticketing/ticket has no field status' OR 1=1 --`,
    ],
    [
      { aggregation: { fn: 'sum', field: 'Csat"' } },
      'aggregation.field',
      'ticketing/ticket has no field Csat"',
    ],
    [
      { ownership: { rule: 'custom', field: 'manager' } },
      'ownership',
      'ticketing/ticket has no field manager',
    ],
  ])('rejects %j at %s', (over, path, message) => {
    const raw = {
      source: { domain: 'ticketing', entity: 'ticket' },
      time_field: 'closed_at',
      aggregation: { fn: 'count' },
      ownership: { rule: 'assigned_to' },
      ...over,
    } as BindingSpec;
    const plan = planBindings([{ key: 'k1', spec: raw }]);
    expect(plan).toEqual({ ok: false, errors: [{ path, message }] });
  });
});

describe('kpiActual', () => {
  const leaves = new Map([
    ['n', { value: 3, count: 3, evidenceIds: ['a', 'b', 'c'] }],
    ['d', { value: 4, count: 4, evidenceIds: ['a', 'b', 'c', 'd'] }],
    ['zero', { value: 0, count: 2, evidenceIds: ['x', 'y'] }],
  ]);
  const get = (k: string) => leaves.get(k);

  it('no records is no data, never 0', () => {
    expect(kpiActual({ kind: 'leaf', leaf: 'missing' }, get)).toEqual({
      actual: null,
      evidenceIds: [],
      evidenceCount: 0,
    });
    expect(kpiActual({ kind: 'leaf', leaf: 'n' }, get)).toEqual({
      actual: 3,
      evidenceIds: ['a', 'b', 'c'],
      evidenceCount: 3,
    });
  });

  it('ratio: scaled, with the denominator as evidence; no data on an empty or zero denominator', () => {
    expect(kpiActual({ kind: 'ratio', numerator: 'n', denominator: 'd', scale: 100 }, get)).toEqual({
      actual: 75,
      evidenceIds: ['a', 'b', 'c', 'd'],
      evidenceCount: 4,
    });
    expect(kpiActual({ kind: 'ratio', numerator: 'missing', denominator: 'd', scale: 1 }, get).actual).toBe(
      0,
    );
    expect(
      kpiActual({ kind: 'ratio', numerator: 'n', denominator: 'missing', scale: 1 }, get).actual,
    ).toBeNull();
    expect(
      kpiActual({ kind: 'ratio', numerator: 'n', denominator: 'zero', scale: 1 }, get).actual,
    ).toBeNull();
  });
});
