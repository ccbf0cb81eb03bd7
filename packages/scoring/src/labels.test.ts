import { DEFAULT_RATING_SCHEME, growthLabel, ratingBandFor, type RatingScheme } from './labels';
import { computeTrend } from './trend';
import type { KpiDefinition } from './types';

const kpi: KpiDefinition = {
  slug: 'k',
  name: 'K',
  category: 'care_quality',
  direction: 'higher_is_better',
  target: 1,
  scoring_method: 'linear',
  weight_default: 1,
  evaluation_frequency: 'monthly',
  target_score: 80,
  minimum_score: 60,
};

describe('rating bands (default scheme, half-open)', () => {
  it.each([
    [100, 'Outstanding'],
    [85, 'Outstanding'],
    [84.999, 'Exceeds'],
    [70, 'Exceeds'],
    [69.99, 'Meets'],
    [50, 'Meets'],
    [49.99, 'Below'],
    [0, 'Below'],
    [-1, null],
    [null, null],
  ] as const)('%s → %s', (score, label) => {
    expect(ratingBandFor(score, DEFAULT_RATING_SCHEME)?.label ?? null).toBe(label);
  });

  it('uses a configured scheme', () => {
    const scheme: RatingScheme = {
      bands: [
        { from: 0, to: 60, label: 'Developing' },
        { from: 60, label: 'Solid' },
      ],
    };
    expect([ratingBandFor(59.9, scheme)?.label, ratingBandFor(60, scheme)?.label]).toEqual([
      'Developing',
      'Solid',
    ]);
  });
});

describe('growth labels', () => {
  it.each([
    [80.0001, 'exceeding'],
    [80, 'meeting'],
    [60, 'meeting'],
    [59.999, 'growing'],
    [0, 'growing'],
    [null, null],
  ] as const)('%s → %s', (score, label) => {
    expect(growthLabel(score, kpi)).toBe(label);
  });

  it('no thresholds, no label', () => {
    const { target_score: _t, minimum_score: _m, ...bare } = kpi;
    expect(growthLabel(99, bare)).toBeNull();
  });
});

describe('trend', () => {
  it.each([
    [80, 70, 100 / 7, 10, 'up'],
    [72, 70, (2 / 70) * 100, 2, 'stable'],
    [68, 70, (-2 / 70) * 100, -2, 'stable'],
    [67.5, 70, (-2.5 / 70) * 100, -2.5, 'down'],
    [72.5, 70, (2.5 / 70) * 100, 2.5, 'up'],
    [5, 0, null, 5, 'up'],
  ] as const)('%s from %s', (cur, prev, pct, delta, trend) => {
    const t = computeTrend(cur, prev);
    if (pct === null) expect(t.trend_percentage).toBeNull();
    else expect(t.trend_percentage).toBeCloseTo(pct, 10);
    expect(t.delta).toBeCloseTo(delta, 12);
    expect(t.score_trend).toBe(trend);
  });

  it('no previous score: no percentage, stable', () => {
    expect(computeTrend(50, null)).toEqual({ trend_percentage: null, delta: null, score_trend: 'stable' });
  });
});
