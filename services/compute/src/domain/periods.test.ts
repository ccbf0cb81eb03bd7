import { FREQUENCIES, nextPeriod, periodContaining, periodForStart, periodFromId } from './periods';

describe('periodContaining', () => {
  it.each([
    [
      'daily',
      '2026-11-03T09:30:00Z',
      'UTC',
      'daily:2026-11-03',
      '2026-11-03T00:00:00.000Z',
      '2026-11-04T00:00:00.000Z',
    ],
    [
      'weekly',
      '2026-11-03T09:30:00Z',
      'UTC',
      'weekly:2026-W45',
      '2026-11-02T00:00:00.000Z',
      '2026-11-09T00:00:00.000Z',
    ],
    // ISO week 1 of 2027 starts on Monday 2027-01-04; 2027-01-01 is in 2026-W53.
    [
      'weekly',
      '2027-01-01T12:00:00Z',
      'UTC',
      'weekly:2026-W53',
      '2026-12-28T00:00:00.000Z',
      '2027-01-04T00:00:00.000Z',
    ],
    [
      'fortnightly',
      '2026-11-03T09:30:00Z',
      'UTC',
      'fortnightly:2026-10-26',
      '2026-10-26T00:00:00.000Z',
      '2026-11-09T00:00:00.000Z',
    ],
    [
      'monthly',
      '2026-11-15T12:00:00Z',
      'UTC',
      'monthly:2026-11',
      '2026-11-01T00:00:00.000Z',
      '2026-12-01T00:00:00.000Z',
    ],
    [
      'monthly',
      '2026-12-31T23:59:59.999Z',
      'UTC',
      'monthly:2026-12',
      '2026-12-01T00:00:00.000Z',
      '2027-01-01T00:00:00.000Z',
    ],
    [
      'quarterly',
      '2026-11-15T12:00:00Z',
      'UTC',
      'quarterly:2026-Q4',
      '2026-10-01T00:00:00.000Z',
      '2027-01-01T00:00:00.000Z',
    ],
    [
      'annually',
      '2026-11-15T12:00:00Z',
      'UTC',
      'annually:2026',
      '2026-01-01T00:00:00.000Z',
      '2027-01-01T00:00:00.000Z',
    ],
    // Local time decides: 23:30 UTC on Oct 31st is already November in Berlin (UTC+1).
    [
      'monthly',
      '2026-10-31T23:30:00Z',
      'Europe/Berlin',
      'monthly:2026-11',
      '2026-10-31T23:00:00.000Z',
      '2026-11-30T23:00:00.000Z',
    ],
    // March 2026 in Berlin: starts at UTC+1, ends after the DST change at UTC+2.
    [
      'monthly',
      '2026-03-15T12:00:00Z',
      'Europe/Berlin',
      'monthly:2026-03',
      '2026-02-28T23:00:00.000Z',
      '2026-03-31T22:00:00.000Z',
    ],
    // The day of the spring-forward change has 23 hours; of the fall-back change 25.
    [
      'daily',
      '2026-03-29T12:00:00Z',
      'Europe/Berlin',
      'daily:2026-03-29',
      '2026-03-28T23:00:00.000Z',
      '2026-03-29T22:00:00.000Z',
    ],
    [
      'daily',
      '2026-10-25T12:00:00Z',
      'Europe/Berlin',
      'daily:2026-10-25',
      '2026-10-24T22:00:00.000Z',
      '2026-10-25T23:00:00.000Z',
    ],
    // New York: the week containing the November DST end.
    [
      'weekly',
      '2026-11-04T12:00:00Z',
      'America/New_York',
      'weekly:2026-W45',
      '2026-11-02T05:00:00.000Z',
      '2026-11-09T05:00:00.000Z',
    ],
    // Santiago skips local midnight on 2026-09-06 (00:00 → 01:00): the day starts at 01:00 local.
    [
      'daily',
      '2026-09-06T12:00:00Z',
      'America/Santiago',
      'daily:2026-09-06',
      '2026-09-06T04:00:00.000Z',
      '2026-09-07T03:00:00.000Z',
    ],
    // Half-hour and 45-minute offsets.
    [
      'daily',
      '2026-11-03T00:00:00Z',
      'Asia/Kolkata',
      'daily:2026-11-03',
      '2026-11-02T18:30:00.000Z',
      '2026-11-03T18:30:00.000Z',
    ],
    [
      'annually',
      '2026-06-01T00:00:00Z',
      'Asia/Kathmandu',
      'annually:2026',
      '2025-12-31T18:15:00.000Z',
      '2026-12-31T18:15:00.000Z',
    ],
  ] as const)('%s at %s in %s → %s [%s, %s)', (frequency, at, tz, id, start, end) => {
    expect(periodContaining(frequency, new Date(at), tz)).toEqual({
      id,
      frequency,
      start,
      end,
      timezone: tz,
    });
  });

  it('is half-open: the end instant belongs to the next period', () => {
    const nov = periodContaining('monthly', new Date('2026-11-15T00:00:00Z'), 'UTC');
    expect(periodContaining('monthly', new Date(nov.end), 'UTC').id).toBe('monthly:2026-12');
    expect(periodContaining('monthly', new Date(Date.parse(nov.end) - 1), 'UTC').id).toBe('monthly:2026-11');
  });

  it('tiles time without gaps or overlaps for every frequency', () => {
    for (const frequency of FREQUENCIES) {
      let p = periodContaining(frequency, new Date('2025-12-20T00:00:00Z'), 'Europe/Berlin');
      for (let i = 0; i < 30; i++) {
        const next = nextPeriod(p);
        expect(next.start).toBe(p.end);
        expect(Date.parse(next.end)).toBeGreaterThan(Date.parse(next.start));
        expect(periodFromId(next.id, 'Europe/Berlin')).toEqual(next);
        p = next;
      }
    }
  });
});

describe('periodForStart', () => {
  it('takes a civil date or an instant and returns the containing period', () => {
    expect(periodForStart('monthly', '2026-11-01', 'UTC')?.id).toBe('monthly:2026-11');
    expect(periodForStart('quarterly', '2026-11-20', 'UTC')?.id).toBe('quarterly:2026-Q4');
    expect(periodForStart('daily', '2026-10-31T23:30:00Z', 'Europe/Berlin')?.id).toBe('daily:2026-11-01');
  });

  it.each(['2026-02-30', 'yesterday', '2026-11', ''])('rejects %j', (start) => {
    expect(periodForStart('monthly', start, 'UTC')).toBeNull();
  });
});

describe('periodFromId', () => {
  it.each(['monthly:2026-13', 'weekly:2026-W60', 'fortnightly:2026-11-03', 'hourly:2026', 'monthly:2026-1'])(
    'rejects %s',
    (id) => expect(periodFromId(id, 'UTC')).toBeNull(),
  );

  it('reads back each canonical id', () => {
    expect(periodFromId('weekly:2026-W01', 'UTC')?.start).toBe('2025-12-29T00:00:00.000Z');
    expect(periodFromId('quarterly:2026-Q1', 'UTC')?.end).toBe('2026-04-01T00:00:00.000Z');
  });
});
