import { PERIOD_FREQUENCIES } from '@scorecard/api';
import {
  addDays,
  civilDateAt,
  epochDay,
  firstOfMonthAfter,
  formatCivilDate,
  isoWeekday,
  parseCivilDate,
  startOfCivilDay,
  type CivilDate,
} from './zoned-time';

// The public API's list (POST /performance/periods validates against it).
export const FREQUENCIES = PERIOD_FREQUENCIES;
export type Frequency = (typeof FREQUENCIES)[number];

/**
 * An evaluation period: calendar-aligned in the tenant's timezone, half-open [start, end) as UTC
 * instants. The id names the calendar unit, not the zone, so it is stable and readable:
 * `daily:2026-11-03`, `weekly:2026-W45` (ISO week), `fortnightly:2026-11-02` (its Monday),
 * `monthly:2026-11`, `quarterly:2026-Q4`, `annually:2026`.
 */
export interface Period {
  id: string;
  frequency: Frequency;
  start: string;
  end: string;
  timezone: string;
}

/** Fortnights are pairs of ISO weeks counted from Monday 1970-01-05, so every tenant shares them. */
const FORTNIGHT_ANCHOR = epochDay({ year: 1970, month: 1, day: 5 });
const pad = (n: number) => String(n).padStart(2, '0');

interface Unit {
  id: string;
  first: CivilDate;
  next: CivilDate;
}

/** ISO-8601 week-year and week of a Monday. */
function isoWeek(monday: CivilDate): { year: number; week: number } {
  const thursday = addDays(monday, 3);
  const jan1 = { year: thursday.year, month: 1, day: 1 };
  return { year: thursday.year, week: Math.floor((epochDay(thursday) - epochDay(jan1)) / 7) + 1 };
}

function unitContaining(frequency: Frequency, date: CivilDate): Unit {
  switch (frequency) {
    case 'daily':
      return { id: `daily:${formatCivilDate(date)}`, first: date, next: addDays(date, 1) };
    case 'weekly': {
      const first = addDays(date, 1 - isoWeekday(date));
      const { year, week } = isoWeek(first);
      return { id: `weekly:${year}-W${pad(week)}`, first, next: addDays(first, 7) };
    }
    case 'fortnightly': {
      const offset = (((epochDay(date) - FORTNIGHT_ANCHOR) % 14) + 14) % 14;
      const first = addDays(date, -offset);
      return { id: `fortnightly:${formatCivilDate(first)}`, first, next: addDays(first, 14) };
    }
    case 'monthly': {
      const first = { year: date.year, month: date.month, day: 1 };
      return { id: `monthly:${date.year}-${pad(date.month)}`, first, next: firstOfMonthAfter(first, 1) };
    }
    case 'quarterly': {
      const q = Math.floor((date.month - 1) / 3);
      const first = { year: date.year, month: q * 3 + 1, day: 1 };
      return { id: `quarterly:${date.year}-Q${q + 1}`, first, next: firstOfMonthAfter(first, 3) };
    }
    case 'annually': {
      const first = { year: date.year, month: 1, day: 1 };
      return { id: `annually:${date.year}`, first, next: { year: date.year + 1, month: 1, day: 1 } };
    }
  }
}

function toPeriod(frequency: Frequency, unit: Unit, timezone: string): Period {
  return {
    id: unit.id,
    frequency,
    start: startOfCivilDay(unit.first, timezone).toISOString(),
    end: startOfCivilDay(unit.next, timezone).toISOString(),
    timezone,
  };
}

/** The period of a frequency that contains an instant, in the zone. */
export function periodContaining(frequency: Frequency, at: Date, timezone: string): Period {
  return toPeriod(frequency, unitContaining(frequency, civilDateAt(at.getTime(), timezone)), timezone);
}

/** The period containing a civil date (`YYYY-MM-DD`) or an ISO instant; null when unparseable. */
export function periodForStart(frequency: Frequency, start: string, timezone: string): Period | null {
  const date = parseCivilDate(start);
  if (date) return toPeriod(frequency, unitContaining(frequency, date), timezone);
  const at = Date.parse(start);
  return Number.isNaN(at) || !/^\d{4}-\d{2}-\d{2}T/.test(start)
    ? null
    : periodContaining(frequency, new Date(at), timezone);
}

/** The period after `period` (for the scheduler's look-ahead). */
export function nextPeriod(period: Period): Period {
  return periodContaining(period.frequency, new Date(period.end), period.timezone);
}

const ID_PATTERNS: Record<Frequency, RegExp> = {
  daily: /^daily:(\d{4})-(\d{2})-(\d{2})$/,
  weekly: /^weekly:(\d{4})-W(\d{2})$/,
  fortnightly: /^fortnightly:(\d{4})-(\d{2})-(\d{2})$/,
  monthly: /^monthly:(\d{4})-(\d{2})$/,
  quarterly: /^quarterly:(\d{4})-Q([1-4])$/,
  annually: /^annually:(\d{4})$/,
};

/** The period an id names (null when the id is not a canonical period id). */
export function periodFromId(id: string, timezone: string): Period | null {
  const frequency = FREQUENCIES.find((f) => id.startsWith(`${f}:`));
  if (!frequency) return null;
  const m = ID_PATTERNS[frequency].exec(id);
  if (!m) return null;
  const [y, a] = [Number(m[1]), Number(m[2])];
  let date: CivilDate | null;
  switch (frequency) {
    case 'daily':
    case 'fortnightly':
      date = parseCivilDate(`${m[1]}-${m[2]}-${m[3]}`);
      break;
    case 'weekly':
      // The Monday of ISO week 1 is the Monday on or before January 4th.
      date = addDays(
        { year: y, month: 1, day: 4 },
        1 - isoWeekday({ year: y, month: 1, day: 4 }) + (a - 1) * 7,
      );
      break;
    case 'monthly':
      date = a >= 1 && a <= 12 ? { year: y, month: a, day: 1 } : null;
      break;
    case 'quarterly':
      date = { year: y, month: (a - 1) * 3 + 1, day: 1 };
      break;
    case 'annually':
      date = { year: y, month: 1, day: 1 };
      break;
  }
  if (!date) return null;
  const period = toPeriod(frequency, unitContaining(frequency, date), timezone);
  // Round-trip: `weekly:2026-W60` or a fortnight that is not on the grid is not a period id.
  return period.id === id ? period : null;
}
