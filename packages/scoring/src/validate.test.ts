import type { KpiDefinition } from './types';
import {
  validateBonusPolicy,
  validateGuardrail,
  validateKpi,
  validateRatingScheme,
  validateTemplate,
  validateTriggerRule,
  type Validation,
} from './validate';

const good = {
  slug: 'frt',
  name: 'First response time',
  category: 'communication',
  direction: 'higher_is_better',
  target: 10,
  scoring_method: 'linear',
  weight_default: 1,
  evaluation_frequency: 'weekly',
};

const paths = (v: Validation<unknown>): string[] => (v.ok ? [] : v.errors.map((e) => e.path));
const messages = (v: Validation<unknown>): string => (v.ok ? '' : v.errors.map((e) => e.message).join(' | '));

describe('validateKpi', () => {
  it('accepts a valid KPI, dropping nulls and unknown keys', () => {
    const v = validateKpi({ ...good, effort_weight: null, description: 'x', params: { floor: 2 } });
    expect(v).toEqual({ ok: true, value: { ...good, params: { floor: 2 } } });
  });

  it('accepts a target_band KPI without a target, taking the middle of the band as its target', () => {
    const { target: _target, ...noTarget } = good;
    const v = validateKpi({ ...noTarget, direction: 'target_band', band: { low: 90, high: 96 } });
    expect(v).toEqual({
      ok: true,
      value: { ...noTarget, direction: 'target_band', band: { low: 90, high: 96 }, target: 93 },
    });
  });

  it.each<[string, Record<string, unknown>, string, RegExp]>([
    ['target 0 (higher)', { target: 0 }, 'target', /> 0/],
    ['target < 0 (ratio formula)', { direction: 'lower_is_better', target: -1 }, 'target', /ratio/],
    [
      'target 0 (lower with ceiling)',
      { direction: 'lower_is_better', target: 0, params: { ceiling: 5 } },
      'target',
      /ceiling/,
    ],
    ['floor = target', { params: { floor: 10 } }, 'params.floor', /< target/],
    ['floor > target', { params: { floor: 11 } }, 'params.floor', /< target/],
    [
      'floor on lower_is_better',
      { direction: 'lower_is_better', params: { floor: 1 } },
      'params.floor',
      /higher_is_better/,
    ],
    [
      'ceiling = target',
      { direction: 'lower_is_better', params: { ceiling: 10 } },
      'params.ceiling',
      /> target/,
    ],
    [
      'ceiling < target',
      { direction: 'lower_is_better', params: { ceiling: 5 } },
      'params.ceiling',
      /> target/,
    ],
    ['target_band without band', { direction: 'target_band' }, 'band', /required/],
    ['no target (higher)', { target: undefined }, 'target', /Required/],
    ['band low > high', { direction: 'target_band', band: { low: 5, high: 4 } }, 'band.low', /<= high/],
    [
      'point band without penalty',
      { direction: 'target_band', band: { low: 5, high: 5 } },
      'band.penalty',
      /low = high/,
    ],
    ['band on another direction', { band: { low: 1, high: 2 } }, 'band', /target_band/],
    ['capped without cap', { scoring_method: 'capped' }, 'params.cap', /required/],
    ['capped with cap < 1', { scoring_method: 'capped', params: { cap: 0.9 } }, 'params.cap', />= 1/],
    ['weight 0', { weight_default: 0 }, 'weight_default', /> 0/],
    ['weight negative', { weight_default: -2 }, 'weight_default', /> 0/],
    ['unknown method', { scoring_method: 'quadratic' }, 'scoring_method', /linear/],
    ['unknown direction', { direction: 'sideways' }, 'direction', /higher_is_better/],
    ['unknown category', { category: 'vibes' }, 'category', /safety/],
    ['effort_weight 0.1', { effort_weight: 0.1 }, 'effort_weight', /0.15 and 0.3/],
    ['effort_weight 0.31', { effort_weight: 0.31 }, 'effort_weight', /0.15 and 0.3/],
    ['banded without bands', { scoring_method: 'banded' }, 'params.bands', /at least one/],
    [
      'overlapping bands',
      {
        scoring_method: 'banded',
        params: {
          bands: [
            { from: 0, to: 10, score: 50 },
            { from: 5, to: 20, score: 80 },
          ],
        },
      },
      'params.bands[1].from',
      /overlaps/,
    ],
    [
      'unordered bands',
      {
        scoring_method: 'banded',
        params: {
          bands: [
            { from: 10, to: 20, score: 80 },
            { from: 0, to: 10, score: 50 },
          ],
        },
      },
      'params.bands[1].from',
      /ascending/,
    ],
    [
      'open band that is not last',
      {
        scoring_method: 'banded',
        params: {
          bands: [
            { from: 0, score: 50 },
            { from: 10, to: 20, score: 80 },
          ],
        },
      },
      'params.bands[0].to',
      /open-ended/,
    ],
    [
      'band with to <= from',
      { scoring_method: 'banded', params: { bands: [{ from: 5, to: 5, score: 50 }] } },
      'params.bands[0].to',
      /> from/,
    ],
    [
      'band score over 100',
      { scoring_method: 'banded', params: { bands: [{ from: 0, score: 101 }] } },
      'params.bands[0].score',
      /\[0, 100\]/,
    ],
    [
      'bands on a non-banded method',
      { params: { bands: [{ from: 0, score: 1 }] } },
      'params.bands',
      /banded/,
    ],
    ['k on linear', { params: { k: 3 } }, 'params.k', /sigmoid/],
    ['sigmoid k <= 0', { scoring_method: 'sigmoid', params: { k: 0 } }, 'params.k', /> 0/],
    ['target_score alone', { target_score: 80 }, 'minimum_score', /together/],
    [
      'minimum over target_score',
      { target_score: 60, minimum_score: 80 },
      'minimum_score',
      /<= target_score/,
    ],
    ['non-finite target', { target: Number.POSITIVE_INFINITY }, 'target', /finite/],
  ])('rejects %s at its path', (_name, change, path, message) => {
    const v = validateKpi({ ...good, ...change });
    expect(paths(v)).toEqual([path]);
    expect(messages(v)).toMatch(message);
  });

  it.each<[string, Record<string, unknown>]>([
    ['effort_weight 0.15', { effort_weight: 0.15 }],
    ['effort_weight 0.30', { effort_weight: 0.3 }],
    ['point band with penalty', { direction: 'target_band', band: { low: 5, high: 5, penalty: 0.2 } }],
    ['target_band with target 0', { direction: 'target_band', target: 0, band: { low: 0, high: 1 } }],
    ['informational with target 0', { direction: 'informational', target: 0 }],
    [
      'banded with gaps',
      {
        scoring_method: 'banded',
        params: {
          bands: [
            { from: 0, to: 5, score: 10 },
            { from: 6, score: 90 },
          ],
        },
      },
    ],
    [
      'touching bands',
      {
        scoring_method: 'banded',
        params: {
          bands: [
            { from: 0, to: 5, score: 10 },
            { from: 5, score: 90 },
          ],
        },
      },
    ],
  ])('accepts %s', (_name, change) => {
    expect(validateKpi({ ...good, ...change }).ok).toBe(true);
  });
});

describe('rating schemes, bonus policies, trigger rules', () => {
  it('rejects overlapping rating bands, accepting any listing order', () => {
    const overlap = validateRatingScheme({
      bands: [
        { from: 0, to: 60, label: 'A' },
        { from: 50, label: 'B' },
      ],
    });
    expect(paths(overlap)).toEqual(['bands[1].from']);
    expect(
      validateRatingScheme({
        bands: [
          { from: 60, label: 'B' },
          { from: 0, to: 60, label: 'A' },
        ],
      }).ok,
    ).toBe(true);
  });

  it('rejects overlapping bonus bands and a second open band', () => {
    const overlap = validateBonusPolicy({
      bands: [
        { from: 0, to: 70, factor: 0 },
        { from: 69, factor: 1 },
      ],
    });
    expect(paths(overlap)).toEqual(['bands[1].from']);
    const twoOpen = validateBonusPolicy({
      bands: [
        { from: 0, factor: 0 },
        { from: 70, factor: 1 },
      ],
    });
    expect(paths(twoOpen)).toEqual(['bands[0].to']);
    expect(paths(validateBonusPolicy({ bands: [{ from: 0, factor: -1 }] }))).toEqual(['bands[0].factor']);
    expect(
      validateBonusPolicy({
        bands: [{ from: 70, factor: 1 }],
        gates: { rating_in: ['Exceeds'], min_tenure_days: 90 },
      }).ok,
    ).toBe(true);
  });

  it('validates guardrail rules', () => {
    expect(
      validateGuardrail({ primary_kpi_ids: ['a'], guardrail_kpi_ids: ['b'], min_score: 60, cap_to: 50 }).ok,
    ).toBe(true);
    expect(
      paths(validateGuardrail({ primary_kpi_ids: ['a'], guardrail_kpi_ids: ['a'], min_score: 60 })),
    ).toEqual(['guardrail_kpi_ids[0]']);
    expect(
      paths(validateGuardrail({ primary_kpi_ids: [], guardrail_kpi_ids: ['b'], min_score: -1 })),
    ).toEqual(['primary_kpi_ids', 'min_score']);
  });

  it('validates trigger rules', () => {
    expect(validateTriggerRule({ kind: 'pip', id: 'p', overall_below: 50, periods: 3 }).ok).toBe(true);
    expect(paths(validateTriggerRule({ kind: 'pip', id: 'p', overall_below: 50, periods: 0 }))).toEqual([
      'periods',
    ]);
    expect(
      paths(
        validateTriggerRule({
          kind: 'training',
          id: 't',
          scope: { category: 'nope' },
          condition: { type: 'growing' },
          periods: 2,
        }),
      ),
    ).toEqual(['scope']);
  });
});

describe('validateTemplate', () => {
  const kpis: Record<string, KpiDefinition> = {
    k1: good as KpiDefinition,
    k2: { ...(good as KpiDefinition), slug: 'k2' },
  };
  const lookup = { kpis: (id: string) => kpis[id] };
  const template = (kras: unknown, extra: Record<string, unknown> = {}) => ({
    name: 'Support L1',
    scope: { role_group: 'support' },
    effective_from: '2026-01-01',
    kras,
    ...extra,
  });

  it('accepts weights summing to 100', () => {
    const v = validateTemplate(
      template([
        { kra_id: 'a', weight: 60, kpis: [{ kpi_id: 'k1' }] },
        { kra_id: 'b', weight: 40, kpis: [{ kpi_id: 'k2', weight: 2 }] },
      ]),
      lookup,
    );
    expect(v.ok).toBe(true);
  });

  it('rejects weights not summing to 100 unless asked to normalize', () => {
    const body = template([
      { kra_id: 'a', weight: 30, kpis: [{ kpi_id: 'k1' }] },
      { kra_id: 'b', weight: 10, kpis: [{ kpi_id: 'k2' }] },
    ]);
    const v = validateTemplate(body, lookup);
    expect(paths(v)).toEqual(['kras']);
    expect(messages(v)).toMatch(/got 40/);
    const n = validateTemplate(body, { ...lookup, normalize: true });
    expect(n.ok && n.value.kras.map((k) => k.weight)).toEqual([75, 25]);
  });

  it('re-validates the KPI after the item overrides and checks references', () => {
    const v = validateTemplate(
      template(
        [
          {
            kra_id: 'a',
            weight: 100,
            kpis: [
              { kpi_id: 'k1', target_override: 0 },
              { kpi_id: 'k2', scoring_method_override: 'capped', weight: 0 },
              { kpi_id: 'nope' },
            ],
          },
        ],
        { guardrails: [{ primary_kpi_ids: ['k1'], guardrail_kpi_ids: ['k9'], min_score: 60 }] },
      ),
      lookup,
    );
    expect(paths(v)).toEqual(['kras[0].kpis[1].weight']);
    const v2 = validateTemplate(
      template(
        [
          {
            kra_id: 'a',
            weight: 100,
            kpis: [
              { kpi_id: 'k1', target_override: 0 },
              { kpi_id: 'k2', scoring_method_override: 'capped' },
              { kpi_id: 'nope' },
            ],
          },
        ],
        { guardrails: [{ primary_kpi_ids: ['k1'], guardrail_kpi_ids: ['k9'], min_score: 60 }] },
      ),
      lookup,
    );
    expect(paths(v2)).toEqual([
      'kras[0].kpis[0].target_override',
      'kras[0].kpis[1].kpi.params.cap',
      'kras[0].kpis[2].kpi_id',
      'guardrails[0].guardrail_kpi_ids[0]',
    ]);
  });
});
