import { checkOverride, type CapIndex } from './override-rule';

const caps: CapIndex = {
  kras: [
    {
      kra_id: 'quality',
      kpis: [
        { kpi_id: 'csat', cap: 1 },
        { kpi_id: 'fcr', cap: 1.2 },
      ],
    },
    { kra_id: 'speed', kpis: [{ kpi_id: 'mttr', cap: 1 }] },
  ],
};

describe('checkOverride', () => {
  it.each([
    ['kpi', 'csat', 100, 'ok'],
    ['kpi', 'csat', 100.01, 'out_of_range'],
    ['kpi', 'csat', -1, 'out_of_range'],
    ['kpi', 'fcr', 120, 'ok'],
    ['kpi', 'fcr', 120.5, 'out_of_range'],
    ['kra', 'quality', 120, 'ok'],
    ['kra', 'speed', 101, 'out_of_range'],
    ['overall', undefined, 120, 'ok'],
    ['overall', undefined, 0, 'ok'],
    ['kpi', 'nope', 50, 'unknown_entity'],
    ['kra', 'nope', 50, 'unknown_entity'],
  ] as const)('%s %s = %s → %s', (entity_type, entity_id, new_score, expected) => {
    const out = checkOverride({ entity_type, entity_id, new_score, reason: 'coaching context' }, caps);
    expect(out.ok ? 'ok' : out.code).toBe(expected);
  });

  it('requires a reason that is not blank', () => {
    const out = checkOverride({ entity_type: 'overall', new_score: 50, reason: '  ' }, caps);
    expect(out).toMatchObject({ ok: false, code: 'reason_required', path: 'reason' });
  });

  it('names the maximum in the message and targets the overall with an empty id', () => {
    expect(
      checkOverride({ entity_type: 'kpi', entity_id: 'fcr', new_score: 121, reason: 'x' }, caps),
    ).toMatchObject({
      message: 'must be between 0 and 120',
    });
    expect(
      checkOverride({ entity_type: 'overall', entity_id: 'x', new_score: 1, reason: 'x' }, caps),
    ).toEqual({
      ok: true,
      entity_id: '',
      max: 120,
    });
  });
});
