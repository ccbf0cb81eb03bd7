import { scoreKpi } from './kpi';
import type { Direction, KpiDefinition, KpiParams, ScoringMethod, TargetBand } from './types';

function kpiOf(
  direction: Direction,
  scoring_method: ScoringMethod,
  params?: KpiParams,
  band?: TargetBand,
): KpiDefinition {
  return {
    slug: 'k',
    name: 'K',
    category: 'productivity',
    direction,
    target: 10,
    scoring_method,
    weight_default: 1,
    evaluation_frequency: 'monthly',
    ...(params === undefined ? {} : { params }),
    ...(band === undefined ? {} : { band }),
  };
}

const INF = Number.POSITIVE_INFINITY;
// Sigmoid goldens, k = 10, m = 0.8: s(1) = 1/(1+e^-2) = 0.8807970779778823.
// raw 0.8 → 100·0.5/s(1); raw 0 → 100·(1/(1+e^8))/s(1); raw 2 → 100·(1/(1+e^-12))/s(1); raw 0.5 → 100·(1/(1+e^3))/s(1).
const SIG_08 = 56.76676416183064;
const SIG_0 = 0.038073483535659404;
const SIG_2 = 113.53283075384006;
const SIG_05 = 5.384426715679644;
// k = 5, m = 0.5, raw 0.5 → 100·0.5 / (1/(1+e^-2.5)).
const SIG_K5_M05 = 54.104249931194936;

const bandsUp = [
  { from: 0, to: 5, score: 20 },
  { from: 5, to: 10, score: 60 },
  { from: 10, score: 100 },
];
const bandsDown = [
  { from: 0, to: 10, score: 100 },
  { from: 10, to: 20, score: 50 },
];
const band: TargetBand = { low: 40, high: 60 }; // default penalty 1/20 = 0.05 per unit
const point: TargetBand = { low: 50, high: 50, penalty: 0.1 };

type Row = [string, KpiDefinition, number, number, number]; // name, kpi, actual, raw, score

const rows: Row[] = [
  // higher_is_better, target 10: raw = actual / target
  ['hib linear actual 0', kpiOf('higher_is_better', 'linear'), 0, 0, 0],
  ['hib linear half', kpiOf('higher_is_better', 'linear'), 5, 0.5, 50],
  ['hib linear at target', kpiOf('higher_is_better', 'linear'), 10, 1, 100],
  ['hib linear over target caps at 100', kpiOf('higher_is_better', 'linear'), 15, 1.5, 100],
  ['hib linear negative clamps to 0', kpiOf('higher_is_better', 'linear'), -5, -0.5, 0],
  ['hib floor 4: (7-4)/(10-4)', kpiOf('higher_is_better', 'linear', { floor: 4 }), 7, 0.5, 50],
  ['hib floor 4: at floor', kpiOf('higher_is_better', 'linear', { floor: 4 }), 4, 0, 0],
  ['hib floor 4: under floor', kpiOf('higher_is_better', 'linear', { floor: 4 }), 1, -0.5, 0],
  ['hib capped 1.2 stretch', kpiOf('higher_is_better', 'capped', { cap: 1.2 }), 11, 1.1, 110],
  ['hib capped 1.2 exactly at cap', kpiOf('higher_is_better', 'capped', { cap: 1.2 }), 12, 1.2, 120],
  ['hib capped 1.2 above cap', kpiOf('higher_is_better', 'capped', { cap: 1.2 }), 15, 1.5, 120],
  ['hib sigmoid at m', kpiOf('higher_is_better', 'sigmoid'), 8, 0.8, SIG_08],
  ['hib sigmoid at target', kpiOf('higher_is_better', 'sigmoid'), 10, 1, 100],
  ['hib sigmoid actual 0', kpiOf('higher_is_better', 'sigmoid'), 0, 0, SIG_0],
  ['hib sigmoid over target clamps to 100', kpiOf('higher_is_better', 'sigmoid'), 20, 2, 100],
  [
    'hib sigmoid cap 1.2 lets 113.5 through',
    kpiOf('higher_is_better', 'sigmoid', { cap: 1.2 }),
    20,
    2,
    SIG_2,
  ],
  ['hib sigmoid k 5 m 0.5', kpiOf('higher_is_better', 'sigmoid', { k: 5, m: 0.5 }), 5, 0.5, SIG_K5_M05],
  ['hib binary just under', kpiOf('higher_is_better', 'binary'), 9.99, 0.999, 0],
  ['hib binary at target', kpiOf('higher_is_better', 'binary'), 10, 1, 100],
  ['hib binary actual 0', kpiOf('higher_is_better', 'binary'), 0, 0, 0],
  ['hib banded first band', kpiOf('higher_is_better', 'banded', { bands: bandsUp }), 0, 0, 20],
  ['hib banded just under edge', kpiOf('higher_is_better', 'banded', { bands: bandsUp }), 4.999, 0.4999, 20],
  ['hib banded on edge 5 → next band', kpiOf('higher_is_better', 'banded', { bands: bandsUp }), 5, 0.5, 60],
  ['hib banded open top band', kpiOf('higher_is_better', 'banded', { bands: bandsUp }), 10, 1, 100],
  ['hib banded no match → 0', kpiOf('higher_is_better', 'banded', { bands: bandsUp }), -1, -0.1, 0],
  // lower_is_better, target 10: raw = target / actual, actual ≤ 0 → +∞
  ['lib linear double target', kpiOf('lower_is_better', 'linear'), 20, 0.5, 50],
  ['lib linear at target', kpiOf('lower_is_better', 'linear'), 10, 1, 100],
  ['lib linear half target caps', kpiOf('lower_is_better', 'linear'), 5, 2, 100],
  ['lib linear actual 0 → +Infinity', kpiOf('lower_is_better', 'linear'), 0, INF, 100],
  ['lib linear negative → +Infinity', kpiOf('lower_is_better', 'linear'), -3, INF, 100],
  ['lib capped 1.5', kpiOf('lower_is_better', 'capped', { cap: 1.5 }), 8, 1.25, 125],
  ['lib capped 1.5 actual 0 → cap', kpiOf('lower_is_better', 'capped', { cap: 1.5 }), 0, INF, 150],
  ['lib ceiling 30: (30-20)/(30-10)', kpiOf('lower_is_better', 'linear', { ceiling: 30 }), 20, 0.5, 50],
  ['lib ceiling 30: at target', kpiOf('lower_is_better', 'linear', { ceiling: 30 }), 10, 1, 100],
  ['lib ceiling 30: at ceiling', kpiOf('lower_is_better', 'linear', { ceiling: 30 }), 30, 0, 0],
  ['lib ceiling 30: past ceiling', kpiOf('lower_is_better', 'linear', { ceiling: 30 }), 40, -0.5, 0],
  ['lib ceiling 30: actual 0 is finite', kpiOf('lower_is_better', 'linear', { ceiling: 30 }), 0, 1.5, 100],
  ['lib sigmoid actual 0 → clamps to 100', kpiOf('lower_is_better', 'sigmoid'), 0, INF, 100],
  ['lib sigmoid double target', kpiOf('lower_is_better', 'sigmoid'), 20, 0.5, SIG_05],
  ['lib binary at target', kpiOf('lower_is_better', 'binary'), 10, 1, 100],
  ['lib binary just over target', kpiOf('lower_is_better', 'binary'), 12.5, 0.8, 0],
  ['lib binary actual 0', kpiOf('lower_is_better', 'binary'), 0, INF, 100],
  [
    'lib banded just under edge',
    kpiOf('lower_is_better', 'banded', { bands: bandsDown }),
    9.99,
    10 / 9.99,
    100,
  ],
  ['lib banded on edge 10', kpiOf('lower_is_better', 'banded', { bands: bandsDown }), 10, 1, 50],
  ['lib banded past last band → 0', kpiOf('lower_is_better', 'banded', { bands: bandsDown }), 20, 0.5, 0],
  ['lib banded actual 0', kpiOf('lower_is_better', 'banded', { bands: bandsDown }), 0, INF, 100],
  // target_band [40, 60]: inside → 1, outside → 1 − 0.05 × distance
  ['band inside', kpiOf('target_band', 'linear', undefined, band), 50, 1, 100],
  ['band on low edge', kpiOf('target_band', 'linear', undefined, band), 40, 1, 100],
  ['band on high edge', kpiOf('target_band', 'linear', undefined, band), 60, 1, 100],
  ['band 10 under', kpiOf('target_band', 'linear', undefined, band), 30, 0.5, 50],
  ['band 10 over', kpiOf('target_band', 'linear', undefined, band), 70, 0.5, 50],
  ['band actual 0', kpiOf('target_band', 'linear', undefined, band), 0, -1, 0],
  ['band one width over → 0', kpiOf('target_band', 'linear', undefined, band), 80, 0, 0],
  [
    'band explicit penalty 0.01',
    kpiOf('target_band', 'linear', undefined, { ...band, penalty: 0.01 }),
    30,
    0.9,
    90,
  ],
  ['point band on target', kpiOf('target_band', 'linear', undefined, point), 50, 1, 100],
  ['point band 5 under', kpiOf('target_band', 'linear', undefined, point), 45, 0.5, 50],
  ['point band 5 over', kpiOf('target_band', 'linear', undefined, point), 55, 0.5, 50],
  ['band capped 1.2 inside is 100', kpiOf('target_band', 'capped', { cap: 1.2 }, band), 50, 1, 100],
  ['band sigmoid 10 under', kpiOf('target_band', 'sigmoid', undefined, band), 30, 0.5, SIG_05],
  ['band binary inside', kpiOf('target_band', 'binary', undefined, band), 45, 1, 100],
  ['band binary outside', kpiOf('target_band', 'binary', undefined, band), 61, 0.95, 0],
  ['band banded on actual', kpiOf('target_band', 'banded', { bands: bandsUp }, band), 7, 1 - 0.05 * 33, 60],
];

describe('raw and method score goldens (method × direction)', () => {
  it.each(rows)('%s', (_name, kpi, actual, raw, score) => {
    const r = scoreKpi({ kpi, actual });
    expect(r.status).toBe('scored');
    if (raw === INF) expect(r.raw).toBe(INF);
    else expect(r.raw).toBeCloseTo(raw, 12);
    expect(r.score).toBeCloseTo(score, 10);
    expect(r.outcome).toBe(r.score);
  });
});

describe('no data and informational', () => {
  it.each([
    ['linear', kpiOf('higher_is_better', 'linear')],
    ['banded', kpiOf('higher_is_better', 'banded', { bands: bandsUp })],
    ['band', kpiOf('target_band', 'sigmoid', undefined, band)],
    ['lower', kpiOf('lower_is_better', 'binary')],
  ])('%s: actual null is no_data with a null score, never 0', (_name, kpi) => {
    const r = scoreKpi({ kpi, actual: null, effort_rating: 5 });
    expect([r.status, r.raw, r.outcome, r.score, r.effort_score]).toEqual([
      'no_data',
      null,
      null,
      null,
      null,
    ]);
    expect(r.explanation.steps.map((s) => s.step)).toEqual(['actual']);
  });

  it('informational KPIs show the actual but are never scored', () => {
    const r = scoreKpi({ kpi: kpiOf('informational', 'linear'), actual: 42, effort_rating: 5 });
    expect([r.status, r.raw, r.score, r.label]).toEqual(['informational', null, null, null]);
    expect(r.explanation.steps[0]?.value).toBe(42);
  });

  it('records the method cap when the clamp cut the score', () => {
    const capped = scoreKpi({ kpi: kpiOf('higher_is_better', 'capped', { cap: 1.2 }), actual: 15 });
    expect(capped.explanation.caps).toEqual([
      { kind: 'method_cap', cap: 120, reason: expect.any(String) as string },
    ]);
    const under = scoreKpi({ kpi: kpiOf('higher_is_better', 'capped', { cap: 1.2 }), actual: 11 });
    expect(under.explanation.caps).toEqual([]);
    const sig = scoreKpi({ kpi: kpiOf('higher_is_better', 'sigmoid'), actual: 20 });
    expect(sig.explanation.caps.map((c) => c.cap)).toEqual([100]);
  });
});
