export type ScoreTrend = 'up' | 'down' | 'stable';

export interface Trend {
  /** (current − previous) / previous × 100; null without a previous score or when it was 0. */
  trend_percentage: number | null;
  /** Change in score points; null without a previous score. */
  delta: number | null;
  score_trend: ScoreTrend;
}

/** Moves of 2 points or less either way count as stable, so noise does not read as a trend. */
export const TREND_DEADBAND = 2;

export function computeTrend(current: number, previous: number | null | undefined): Trend {
  if (previous === null || previous === undefined)
    return { trend_percentage: null, delta: null, score_trend: 'stable' };
  const delta = current - previous;
  return {
    trend_percentage: previous === 0 ? null : (delta / previous) * 100,
    delta,
    score_trend: delta > TREND_DEADBAND ? 'up' : delta < -TREND_DEADBAND ? 'down' : 'stable',
  };
}
