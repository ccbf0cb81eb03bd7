import { DateTime, IANAZone, type TokenParser } from 'luxon';
import { toIsoTime } from '../mappings/time-value';

/** How a numeric date is ordered: ISO-like year first, or day/month first as exports write them. */
export const DATE_ORDERS = ['ymd', 'dmy', 'mdy'] as const;
export type DateOrder = (typeof DATE_ORDERS)[number];

export interface TimeOptions {
  /** IANA zone of wall-clock times (a value with its own offset or Z keeps it). */
  timezone: string;
  dateOrder: DateOrder;
}

export const isTimezone = (zone: string): boolean => IANAZone.isValidZone(zone);

const ZONED = /(?:Z|[+-]\d{2}:?\d{2})$/i;
const ISO_LOCAL = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$/;
const EPOCH = /^-?\d{9,}$/;
/** A numeric day/month date, which needs a date order to be read. */
export const NUMERIC_DATE = /^\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b/;

const NAMED_MONTH_DATES = ['d MMM yyyy', 'd-MMM-yyyy', 'd MMMM yyyy', 'MMM d, yyyy', 'MMMM d, yyyy'];
const NUMERIC_DATES: Record<DateOrder, readonly string[]> = {
  ymd: ['yyyy/M/d', 'yyyy.M.d'],
  dmy: ['d/M/yyyy', 'd-M-yyyy', 'd.M.yyyy', 'd/M/yy'],
  mdy: ['M/d/yyyy', 'M-d-yyyy', 'M/d/yy'],
};
// Wall-clock fields are parsed as UTC (no zone lookups); `zoneClock` places them in the file's zone.
const UTC = { zone: 'utc' };
const TIMES = ['', ' H:mm', ' H:mm:ss', ' h:mm a', ' h:mm:ss a', ' h:mma', ' ha'];

/** Wall-clock milliseconds (the local time's fields read as if UTC) → UTC in the zone, offsets cached. */
function zoneClock(timezone: string): (wallMs: number) => number {
  const zone = IANAZone.create(timezone);
  const offsets = new Map<number, number>();
  // Every zone changes its offset on a quarter hour: one lookup per quarter hour seen is exact.
  const offsetAt = (ts: number) => {
    const quarter = Math.floor(ts / 900_000);
    let minutes = offsets.get(quarter);
    if (minutes === undefined) offsets.set(quarter, (minutes = zone.offset(ts)));
    return minutes * 60_000;
  };
  return (wallMs) => wallMs - offsetAt(wallMs - offsetAt(wallMs));
}

/**
 * A reader of the times exports write, to ISO-8601 UTC (undefined when a value is not a time it
 * knows): ISO-8601 with an offset as it is; epoch seconds or milliseconds; ISO dates and times
 * without an offset, numeric dates in the given order (`05/10/2026 9:00 pm`) and dates with month
 * names (`5 Oct 2026 21:00`) as wall-clock times in the zone. A date alone is its midnight.
 * Formats are compiled once per reader, zone offsets looked up once per quarter hour and each
 * distinct value read once.
 */
export function timeReader(opts: TimeOptions): (raw: unknown) => string | undefined {
  const parsers = [...NUMERIC_DATES[opts.dateOrder], ...NAMED_MONTH_DATES]
    .flatMap((d) => TIMES.map((t) => d + t))
    .map((f) => DateTime.buildFormatParser(f, { locale: 'en-US' }));
  // Rows of one export share their formats: the last one that fitted is tried first.
  let last = 0;
  const toUtc = zoneClock(opts.timezone);
  const wall = (dt: DateTime) => (dt.isValid ? new Date(toUtc(dt.toMillis())).toISOString() : undefined);
  const read = (raw: string): string | undefined => {
    const s = raw.trim().replace(/\s+/g, ' ');
    if (s === '') return undefined;
    if (EPOCH.test(s)) return toIsoTime(s);
    if (ZONED.test(s) && /^\d{4}-/.test(s)) return toIsoTime(s);
    if (ISO_LOCAL.test(s)) return wall(DateTime.fromISO(s.replace(' ', 'T'), UTC));
    for (let i = 0; i < parsers.length; i++) {
      const at = (last + i) % parsers.length;
      const out = wall(DateTime.fromFormatParser(s, parsers[at] as TokenParser, UTC));
      if (out !== undefined) {
        last = at;
        return out;
      }
    }
    return undefined;
  };
  // An export repeats its times (a roster's start times, a day's dates): each distinct one is read once.
  const seen = new Map<string, string | undefined>();
  return (raw) => {
    if (typeof raw === 'number') return toIsoTime(raw);
    if (typeof raw !== 'string') return undefined;
    if (seen.has(raw)) return seen.get(raw);
    if (seen.size >= 100_000) seen.clear();
    const out = read(raw);
    seen.set(raw, out);
    return out;
  };
}
