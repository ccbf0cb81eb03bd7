import { monthlyPeriodOf } from './monthly-period';

describe('monthlyPeriodOf', () => {
  it.each([
    ['2026-11-15T12:00:00Z', 'monthly:2026-11', '2026-11-01T00:00:00.000Z', '2026-12-01T00:00:00.000Z'],
    ['2026-12-31T23:59:59.999Z', 'monthly:2026-12', '2026-12-01T00:00:00.000Z', '2027-01-01T00:00:00.000Z'],
    ['2027-01-01T00:00:00Z', 'monthly:2027-01', '2027-01-01T00:00:00.000Z', '2027-02-01T00:00:00.000Z'],
  ])('%s → %s [%s, %s)', (at, id, start, end) => {
    expect(monthlyPeriodOf(new Date(at))).toEqual({ id, start, end, frequency: 'monthly' });
  });
});
