/**
 * Normalises the time encodings ERPs and Debezium produce to ISO-8601 UTC, or undefined when the
 * value is not a time. Debezium's PostgreSQL connector writes `date` as days since the epoch,
 * `timestamp` as epoch micros (MicroTimestamp) and `timestamptz` as an ISO string; polled rows
 * and webhooks bring strings, seconds or milliseconds. Numbers are told apart by magnitude, which
 * is unambiguous for any date between 1970-04 and 2286.
 */
export function toIsoTime(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return fromEpochNumber(value);
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const s = value.trim();
  if (/^-?\d+$/.test(s)) return fromEpochNumber(Number(s));
  // A date alone is midnight UTC; a wall-clock time without a zone is taken as UTC.
  const normalised = /^\d{4}-\d{2}-\d{2}$/.test(s)
    ? `${s}T00:00:00Z`
    : /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(s)
      ? `${s.replace(' ', 'T')}Z`
      : s.replace(' ', 'T');
  const ms = Date.parse(normalised);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

function fromEpochNumber(n: number): string | undefined {
  const abs = Math.abs(n);
  const ms =
    abs < 1e6
      ? n * 86_400_000
      : abs < 1e11
        ? n * 1_000
        : abs < 1e14
          ? n
          : abs < 1e17
            ? n / 1_000
            : n / 1_000_000;
  const d = new Date(Math.floor(ms));
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}
