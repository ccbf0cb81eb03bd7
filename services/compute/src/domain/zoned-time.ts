/**
 * Civil dates and local midnights in an IANA timezone, from Intl alone (no tz database of our own).
 * A civil date is `{year, month (1–12), day}`; calendar arithmetic is done on UTC dates, where no
 * DST exists, and only the final boundary is placed in the zone.
 */
export interface CivilDate {
  year: number;
  month: number;
  day: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True when Intl knows the zone (e.g. `Europe/Berlin`, `UTC`). */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The civil date at an instant in a zone. */
export function civilDateAt(instantMs: number, timeZone: string): CivilDate {
  const parts = formatter(timeZone).formatToParts(new Date(instantMs));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return { year: get('year'), month: get('month'), day: get('day') };
}

const ordinal = (d: CivilDate) => d.year * 10_000 + d.month * 100 + d.day;
const MINUTE = 60_000;

/**
 * The first instant of a civil day in a zone. Usually local 00:00; where a DST jump skips
 * midnight (e.g. America/Santiago) it is the first instant that exists. Found by binary search over
 * minutes (zone offsets change on minute boundaries) within ±36 h of UTC midnight, so it needs no
 * knowledge of the zone's rules.
 */
export function startOfCivilDay(date: CivilDate, timeZone: string): Date {
  const target = ordinal(date);
  const utcMidnight = Date.UTC(date.year, date.month - 1, date.day);
  let lo = Math.floor((utcMidnight - 36 * 3_600_000) / MINUTE);
  let hi = Math.floor((utcMidnight + 36 * 3_600_000) / MINUTE);
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (ordinal(civilDateAt(mid * MINUTE, timeZone)) >= target) hi = mid;
    else lo = mid + 1;
  }
  return new Date(lo * MINUTE);
}

/** Calendar arithmetic on civil dates (through UTC, where every day has 24 hours). */
export function addDays(date: CivilDate, days: number): CivilDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** The first day of the month `months` after the date's month. */
export function firstOfMonthAfter(date: CivilDate, months: number): CivilDate {
  const d = new Date(Date.UTC(date.year, date.month - 1 + months, 1));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: 1 };
}

/** ISO weekday, Monday = 1 … Sunday = 7. */
export function isoWeekday(date: CivilDate): number {
  const dow = new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
  return dow === 0 ? 7 : dow;
}

/** Days from 1970-01-01 to the date. */
export function epochDay(date: CivilDate): number {
  return Math.round(Date.UTC(date.year, date.month - 1, date.day) / 86_400_000);
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

export function formatCivilDate(date: CivilDate): string {
  return `${pad(date.year, 4)}-${pad(date.month)}-${pad(date.day)}`;
}

/** `YYYY-MM-DD` → civil date (null when not a real date). */
export function parseCivilDate(text: string): CivilDate | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return null;
  const date = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  const check = addDays(date, 0);
  return ordinal(check) === ordinal(date) ? date : null;
}
