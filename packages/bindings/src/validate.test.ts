import { FILTER_OPS, validateBinding, validateBindingSpec, type Binding } from './index';

const base: Binding = {
  kpi_id: 'k1',
  source: { domain: 'ticketing', entity: 'ticket' },
  filter: [{ field: 'status', op: 'in', value: ['resolved', 'closed'] }],
  time_field: 'resolved_at',
  aggregation: { fn: 'count' },
  ownership: { rule: 'assigned_to' },
};

const withFilter = (...filter: unknown[]) => ({ ...base, filter });
const withAgg = (aggregation: unknown) => ({ ...base, aggregation });
const errorsOf = (input: unknown) => {
  const r = validateBinding(input);
  return r.ok ? [] : r.errors;
};

describe('validateBinding accepts', () => {
  const ok: [string, unknown][] = [
    ['a count', base],
    ['eq on an enum', withFilter({ field: 'priority', op: 'eq', value: 'high' })],
    ['neq on a string', withFilter({ field: 'channel', op: 'neq', value: 'email' })],
    ['not_in on an enum', withFilter({ field: 'status', op: 'not_in', value: ['canceled', 'merged'] })],
    ['gt on a number', withFilter({ field: 'reopened_count', op: 'gt', value: 0 })],
    ['gte on a timestamp', withFilter({ field: 'created_at', op: 'gte', value: '2025-01-01T00:00:00Z' })],
    [
      'lt, lte on numbers',
      withFilter({ field: 'csat', op: 'lt', value: 3 }, { field: 'csat', op: 'lte', value: 4 }),
    ],
    ['between numbers', withFilter({ field: 'csat', op: 'between', value: [1, 3] })],
    [
      'between timestamps',
      withFilter({ field: 'created_at', op: 'between', value: ['2025-01-01', '2025-02-01'] }),
    ],
    ['is_null without value', withFilter({ field: 'first_response_at', op: 'is_null' })],
    ['is_null false', withFilter({ field: 'csat', op: 'is_null', value: false })],
    ['contains on a string', withFilter({ field: 'ticket_type', op: 'contains', value: 'fibre' })],
    ['eq on a boolean', withFilter({ field: 'sla_breached', op: 'eq', value: false })],
    ['distinct_count', withAgg({ fn: 'distinct_count', field: 'closed_by' })],
    ['avg of a number', withAgg({ fn: 'avg', field: 'csat' })],
    ['sum, min, max of numbers', withAgg({ fn: 'max', field: 'reopened_count' })],
    [
      'p90 of a duration',
      withAgg({
        fn: 'percentile',
        p: 0.9,
        duration: { from: 'created_at', to: 'first_response_at', unit: 'minutes' },
      }),
    ],
    ['team ownership', { ...base, ownership: { rule: 'team' } }],
    ['closed_by ownership', { ...base, ownership: { rule: 'closed_by' } }],
    [
      'custom ownership on a catalog field',
      { ...base, ownership: { rule: 'custom', field: 'csat_agent_id' } },
    ],
    ['custom ownership on an extra field', { ...base, ownership: { rule: 'custom', field: 'extra.agent' } }],
    [
      'a ratio whose sides inherit source, time field and owner',
      {
        ...base,
        aggregation: { fn: 'ratio' },
        formula: {
          numerator: {
            filter: [{ field: 'sla_breached', op: 'eq', value: false }],
            aggregation: { fn: 'count' },
          },
          denominator: { aggregation: { fn: 'count' } },
          scale: 100,
        },
      },
    ],
  ];
  it.each(ok)('%s', (_name, input) => {
    expect(errorsOf(input)).toEqual([]);
  });

  it('every filter op appears among the accepted cases', () => {
    const used = new Set(ok.flatMap(([, b]) => ((b as Binding).filter ?? []).map((f) => f.op)));
    expect(FILTER_OPS.filter((op) => !used.has(op))).toEqual([]);
  });
});

describe('validateBinding rejects, naming the path', () => {
  const bad: [string, unknown, string, RegExp][] = [
    ['a missing kpi_id', { ...base, kpi_id: undefined }, 'kpi_id', /Required/],
    ['an unknown key', { ...base, window: 'month' }, 'window', /unknown field/],
    [
      'an unknown domain',
      { ...base, source: { domain: 'erp', entity: 'ticket' } },
      'source.domain',
      /unknown source domain erp/,
    ],
    [
      'an unknown entity',
      { ...base, source: { domain: 'ticketing', entity: 'issue' } },
      'source.entity',
      /unknown entity issue/,
    ],
    [
      'an unknown op',
      withFilter({ field: 'status', op: 'like', value: 'x' }),
      'filter[0].op',
      /Invalid enum value/,
    ],
    [
      'an unknown filter field',
      withFilter({ field: 'colour', op: 'eq', value: 'x' }),
      'filter[0].field',
      /colour is not a field of ticketing\/ticket/,
    ],
    [
      'gt on a string',
      withFilter({ field: 'channel', op: 'gt', value: 'a' }),
      'filter[0].op',
      /gt needs a number or timestamp field; channel is string/,
    ],
    [
      'lte on a boolean',
      withFilter({ field: 'sla_breached', op: 'lte', value: true }),
      'filter[0].op',
      /lte needs a number or timestamp/,
    ],
    [
      'between on an enum',
      withFilter({ field: 'status', op: 'between', value: ['a', 'b'] }),
      'filter[0].op',
      /between needs a number/,
    ],
    [
      'contains on an enum',
      withFilter({ field: 'status', op: 'contains', value: 'res' }),
      'filter[0].op',
      /contains needs a string field/,
    ],
    [
      'between with one value',
      withFilter({ field: 'csat', op: 'between', value: [1] }),
      'filter[0].value',
      /between needs \[low, high\]/,
    ],
    [
      'between reversed',
      withFilter({ field: 'csat', op: 'between', value: [4, 2] }),
      'filter[0].value',
      /low <= high/,
    ],
    [
      'in with a scalar',
      withFilter({ field: 'status', op: 'in', value: 'closed' }),
      'filter[0].value',
      /non-empty array/,
    ],
    [
      'in with an empty array',
      withFilter({ field: 'status', op: 'in', value: [] }),
      'filter[0].value',
      /non-empty array/,
    ],
    [
      'not_in with a bad enum value',
      withFilter({ field: 'status', op: 'not_in', value: ['closed', 'done'] }),
      'filter[0].value[1]',
      /expected one of new, open/,
    ],
    [
      'eq with an array',
      withFilter({ field: 'status', op: 'eq', value: ['closed'] }),
      'filter[0].value',
      /eq needs a single value/,
    ],
    [
      'neq without value',
      withFilter({ field: 'channel', op: 'neq' }),
      'filter[0].value',
      /neq needs a single value/,
    ],
    [
      'eq with a string on a number',
      withFilter({ field: 'csat', op: 'eq', value: '5' }),
      'filter[0].value',
      /expected a number, got string/,
    ],
    [
      'eq with a number on a boolean',
      withFilter({ field: 'sla_breached', op: 'eq', value: 1 }),
      'filter[0].value',
      /expected true or false/,
    ],
    [
      'eq with a number on a string',
      withFilter({ field: 'channel', op: 'eq', value: 3 }),
      'filter[0].value',
      /expected a string/,
    ],
    [
      'gt with a non-date on a timestamp',
      withFilter({ field: 'created_at', op: 'gt', value: 'yesterday' }),
      'filter[0].value',
      /ISO-8601/,
    ],
    [
      'is_null with a string',
      withFilter({ field: 'csat', op: 'is_null', value: 'yes' }),
      'filter[0].value',
      /is_null takes true, false or nothing/,
    ],
    [
      'a later filter',
      withFilter(
        { field: 'status', op: 'eq', value: 'closed' },
        { field: 'csat', op: 'gt', value: 1 },
        { field: 'csat', op: 'gt', value: 'x' },
      ),
      'filter[2].value',
      /expected a number/,
    ],
    ['an unknown time field', { ...base, time_field: 'done_at' }, 'time_field', /done_at is not a field/],
    [
      'a non-timestamp time field',
      { ...base, time_field: 'status' },
      'time_field',
      /status is enum; time_field must be a timestamp/,
    ],
    [
      'sum of an enum',
      withAgg({ fn: 'sum', field: 'priority' }),
      'aggregation.field',
      /sum needs a number field; priority is enum/,
    ],
    [
      'avg without a measure',
      withAgg({ fn: 'avg' }),
      'aggregation.field',
      /avg needs a number field or a duration/,
    ],
    [
      'min of an unknown field',
      withAgg({ fn: 'min', field: 'cost' }),
      'aggregation.field',
      /cost is not a field/,
    ],
    [
      'percentile without p',
      withAgg({ fn: 'percentile', field: 'csat' }),
      'aggregation.p',
      /strictly between 0 and 1/,
    ],
    [
      'percentile with p = 1',
      withAgg({ fn: 'percentile', field: 'csat', p: 1 }),
      'aggregation.p',
      /strictly between 0 and 1/,
    ],
    [
      'p on avg',
      withAgg({ fn: 'avg', field: 'csat', p: 0.5 }),
      'aggregation.p',
      /p only applies to percentile/,
    ],
    ['an unknown fn', withAgg({ fn: 'median', field: 'csat' }), 'aggregation.fn', /Invalid enum value/],
    [
      'distinct_count without field',
      withAgg({ fn: 'distinct_count' }),
      'aggregation.field',
      /distinct_count needs a field/,
    ],
    [
      'a duration over a non-timestamp',
      withAgg({ fn: 'avg', duration: { from: 'created_at', to: 'csat', unit: 'hours' } }),
      'aggregation.duration.to',
      /csat is number/,
    ],
    [
      'field and duration together',
      withAgg({ fn: 'avg', field: 'csat', duration: { from: 'created_at', to: 'closed_at', unit: 'hours' } }),
      'aggregation.duration',
      /not both/,
    ],
    ['ratio without formula', withAgg({ fn: 'ratio' }), 'formula', /ratio needs formula/],
    [
      'formula without ratio',
      {
        ...base,
        formula: {
          numerator: { aggregation: { fn: 'count' } },
          denominator: { aggregation: { fn: 'count' } },
        },
      },
      'formula',
      /only used with aggregation.fn ratio/,
    ],
    [
      'a ratio missing its denominator',
      { ...base, aggregation: { fn: 'ratio' }, formula: { numerator: { aggregation: { fn: 'count' } } } },
      'formula.denominator',
      /Required/,
    ],
    [
      'a bad field inside a formula side',
      {
        ...base,
        aggregation: { fn: 'ratio' },
        formula: {
          numerator: { filter: [{ field: 'nope', op: 'eq', value: 1 }], aggregation: { fn: 'count' } },
          denominator: { aggregation: { fn: 'count' } },
        },
      },
      'formula.numerator.filter[0].field',
      /nope is not a field/,
    ],
    [
      'a nested ratio',
      {
        ...base,
        aggregation: { fn: 'ratio' },
        formula: {
          numerator: { aggregation: { fn: 'ratio' } },
          denominator: { aggregation: { fn: 'count' } },
        },
      },
      'formula.numerator.aggregation.fn',
      /cannot itself be a ratio/,
    ],
    [
      'an inherited filter missing from a side’s own source',
      {
        ...base,
        filter: [{ field: 'channel', op: 'eq', value: 'email' }],
        aggregation: { fn: 'ratio' },
        formula: {
          numerator: { aggregation: { fn: 'count' } },
          denominator: {
            source: { domain: 'noc', entity: 'incident' },
            aggregation: { fn: 'count' },
            time_field: 'resolved_at',
          },
        },
      },
      'filter[0].field',
      /channel is not a field of noc\/incident, which formula.denominator reads/,
    ],
    [
      'an owner rule the entity lacks',
      { ...base, ownership: { rule: 'technician_id' } },
      'ownership.rule',
      /ticketing\/ticket has no technician_id field/,
    ],
    [
      'a non-person owner field',
      { ...base, ownership: { rule: 'assigned_to', field: 'channel' } },
      'ownership.field',
      /channel is not a person field/,
    ],
    [
      'a team rule on a person field',
      { ...base, ownership: { rule: 'team', field: 'assigned_to' } },
      'ownership.field',
      /assigned_to is not a team field/,
    ],
    [
      'custom without a field',
      { ...base, ownership: { rule: 'custom' } },
      'ownership.field',
      /names the field path/,
    ],
    [
      'custom on an unknown field',
      { ...base, ownership: { rule: 'custom', field: 'agent' } },
      'ownership.field',
      /agent is not a field/,
    ],
    [
      'custom on a number field',
      { ...base, ownership: { rule: 'custom', field: 'csat' } },
      'ownership.field',
      /csat is number/,
    ],
    [
      'an unknown ownership rule',
      { ...base, ownership: { rule: 'owner' } },
      'ownership.rule',
      /Invalid enum value/,
    ],
  ];
  it.each(bad)('%s', (_name, input, path, message) => {
    const errors = errorsOf(input);
    expect(errors).toContainEqual({ path, message: expect.stringMatching(message) as string });
  });
});

describe('validateBindingSpec', () => {
  it('checks a spec without kpi_id and returns it', () => {
    const { kpi_id: _k, ...spec } = base;
    expect(validateBindingSpec(spec)).toEqual({ ok: true, value: spec });
    expect(validateBindingSpec(base)).toMatchObject({
      ok: false,
      errors: [{ path: 'kpi_id', message: 'unknown field' }],
    });
  });
});
