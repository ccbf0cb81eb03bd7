/** A calendar month in UTC, half-open [start, end). The period id is stable: `monthly:2026-11`. */
export interface PeriodRef {
  id: string;
  start: string;
  end: string;
  frequency: 'monthly';
}

export function monthlyPeriodOf(at: Date): PeriodRef {
  const y = at.getUTCFullYear();
  const m = at.getUTCMonth();
  const start = new Date(Date.UTC(y, m, 1));
  const end = new Date(Date.UTC(y, m + 1, 1));
  return {
    id: `monthly:${start.toISOString().slice(0, 7)}`,
    start: start.toISOString(),
    end: end.toISOString(),
    frequency: 'monthly',
  };
}
