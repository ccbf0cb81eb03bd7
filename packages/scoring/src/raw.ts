import { assertNever } from './assert-never';
import type { KpiDefinition, TargetBand } from './types';

/**
 * The raw attainment ratio: 1 means "exactly on target". Null for informational KPIs, which are
 * never scored. Lower-is-better without a ceiling returns +Infinity for actual ≤ 0 (nothing to
 * divide by means perfect), which every method then clamps to its cap.
 */
export function computeRaw(kpi: KpiDefinition, actual: number): number | null {
  switch (kpi.direction) {
    case 'higher_is_better': {
      const floor = kpi.params?.floor ?? 0;
      return (actual - floor) / (kpi.target - floor);
    }
    case 'lower_is_better': {
      const ceiling = kpi.params?.ceiling;
      if (ceiling !== undefined) return (ceiling - actual) / (ceiling - kpi.target);
      return actual <= 0 ? Number.POSITIVE_INFINITY : kpi.target / actual;
    }
    case 'target_band':
      // Validation guarantees a band for this direction.
      return bandRaw(kpi.band as TargetBand, actual);
    case 'informational':
      return null;
    default:
      return assertNever(kpi.direction);
  }
}

function bandRaw(band: TargetBand, actual: number): number {
  if (actual >= band.low && actual <= band.high) return 1;
  const distance = actual < band.low ? band.low - actual : actual - band.high;
  return 1 - bandPenalty(band) * distance;
}

/** Penalty per unit outside the band; defaults to losing the whole score one band-width away. */
export function bandPenalty(band: TargetBand): number {
  return band.penalty ?? 1 / (band.high - band.low);
}

/** The raw formula as text, for explanations. */
export function rawFormula(kpi: KpiDefinition): string {
  switch (kpi.direction) {
    case 'higher_is_better':
      return kpi.params?.floor === undefined
        ? 'raw = actual / target'
        : 'raw = (actual - floor) / (target - floor)';
    case 'lower_is_better':
      return kpi.params?.ceiling === undefined
        ? 'raw = target / actual (actual <= 0 gives +Infinity)'
        : 'raw = (ceiling - actual) / (ceiling - target)';
    case 'target_band':
      return 'raw = 1 inside [low, high], else 1 - penalty * distance to the nearest edge';
    case 'informational':
      return 'informational: not scored';
    default:
      return assertNever(kpi.direction);
  }
}

/**
 * The actual value of a ratio KPI. A zero denominator means there was nothing to measure, which
 * is "no data" (null), never a score of 0.
 */
export function ratioActual(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : numerator / denominator;
}
