import type { GrowthLabel, KpiDefinition } from './types';

/** A half-open `[from, to)` rating band; `to` absent means open-ended. */
export interface RatingBand {
  from: number;
  to?: number;
  label: string;
}

export interface RatingScheme {
  name?: string;
  bands: RatingBand[];
}

export const DEFAULT_RATING_SCHEME: RatingScheme = {
  name: 'default',
  bands: [
    { from: 85, label: 'Outstanding' },
    { from: 70, to: 85, label: 'Exceeds' },
    { from: 50, to: 70, label: 'Meets' },
    { from: 0, to: 50, label: 'Below' },
  ],
};

/** The band containing the score (full precision, so 84.999 is not 85), or null when none does. */
export function ratingBandFor(
  score: number | null,
  scheme: RatingScheme = DEFAULT_RATING_SCHEME,
): RatingBand | null {
  if (score === null) return null;
  for (const band of scheme.bands) {
    if (score >= band.from && (band.to === undefined || score < band.to)) return band;
  }
  return null;
}

export interface GrowthThresholds {
  target_score: number;
  minimum_score: number;
}

/** Both thresholds, or null when the KPI does not use growth labels. */
export function growthThresholds(kpi: KpiDefinition): GrowthThresholds | null {
  return kpi.target_score === undefined || kpi.minimum_score === undefined
    ? null
    : { target_score: kpi.target_score, minimum_score: kpi.minimum_score };
}

/** exceeding above target_score; meeting from minimum_score to target_score inclusive; growing under it. */
export function growthLabel(score: number | null, kpi: KpiDefinition): GrowthLabel | null {
  if (score === null || kpi.target_score === undefined || kpi.minimum_score === undefined) return null;
  if (score > kpi.target_score) return 'exceeding';
  return score >= kpi.minimum_score ? 'meeting' : 'growing';
}
