import type { Random } from './random';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** Demand by weekday (Sunday first): Monday's backlog, a quiet weekend. */
export const OFFICE_WEEK = [0.25, 1.3, 1.15, 1.05, 1.0, 0.9, 0.4] as const;
/** Field crews barely work weekends. */
export const FIELD_WEEK = [0.1, 1.1, 1.1, 1.05, 1.0, 0.95, 0.3] as const;

export const weekday = (dayMs: number) => new Date(dayMs).getUTCDay();

/** Every day (UTC midnight) of [startMs, endMs). */
export function days(startMs: number, endMs: number): number[] {
  const out: number[] = [];
  for (let d = startMs; d < endMs; d += DAY) out.push(d);
  return out;
}

/** A time within the working day, busiest mid-morning. */
export function officeTime(rnd: Random, dayMs: number): number {
  const hour = rnd.weighted([
    [8, 6],
    [9, 11],
    [10, 12],
    [11, 10],
    [12, 7],
    [13, 8],
    [14, 9],
    [15, 8],
    [16, 6],
    [17, 3],
  ] as const);
  return dayMs + hour * HOUR + rnd.int(0, 59) * MINUTE + rnd.int(0, 59) * 1_000;
}

/** First day of the month `months` after `startMs`. */
export function addMonths(startMs: number, months: number): number {
  const d = new Date(startMs);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1);
}
