import { openingPeriod, openingScorecard } from './opening-period';
import type { Period } from './types';

const month = (id: string, start: string, scored?: number): Period => ({
  id,
  frequency: 'monthly',
  start,
  end: start,
  status: 'open',
  finalized_at: null,
  ...(scored === undefined ? {} : { scored }),
});

const NOW = '2026-12-02T05:00:00.000Z';
const oct = month('monthly:2026-10', '2026-10-01T00:00:00.000Z', 40);
const nov = month('monthly:2026-11', '2026-11-01T00:00:00.000Z', 38);
const dec = month('monthly:2026-12', '2026-12-01T00:00:00.000Z', 0);
const jan = month('monthly:2027-01', '2027-01-01T00:00:00.000Z', 0);

describe('openingPeriod', () => {
  it.each([
    ['the newest with scores, not the empty months the scheduler opened ahead', [jan, oct, dec, nov], nov.id],
    ['the current month once it has scores', [oct, nov, { ...dec, scored: 3 }, jan], dec.id],
    ['with no scores anywhere, the newest that has started', [{ ...nov, scored: 0 }, dec, jan], dec.id],
    ['only periods ahead: the newest', [jan], jan.id],
    ['nothing at all', [], null],
  ] as [string, Period[], string | null][])('%s', (_name, periods, expected) => {
    expect(openingPeriod(periods, NOW)).toBe(expected);
  });
});

describe('openingScorecard', () => {
  it('skips scorecards without a total (months with no data yet)', () => {
    expect(
      openingScorecard([
        { period_id: 'monthly:2027-01', total_score: null },
        { period_id: 'monthly:2026-12', total_score: null },
        { period_id: 'monthly:2026-11', total_score: 71.2 },
        { period_id: 'monthly:2026-10', total_score: 64 },
      ]),
    ).toBe('monthly:2026-11');
  });
  it('falls back to the newest when none has a total, and to null when there are none', () => {
    expect(openingScorecard([{ period_id: 'monthly:2027-01', total_score: null }])).toBe('monthly:2027-01');
    expect(openingScorecard([])).toBeNull();
  });
});
