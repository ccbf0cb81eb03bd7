import { randomUUID } from 'node:crypto';
import { traceHeaders } from '@scorecard/telemetry';

/** Headers every Scorecard message carries. */
export const Header = {
  eventId: 'event-id',
  occurredAt: 'occurred-at',
  producer: 'producer',
  tenantId: 'tenant-id',
  traceparent: 'traceparent',
} as const;

/** Headers a DLQ copy adds to the original ones. */
export const DlqHeader = {
  errorCode: 'error-code',
  errorMessage: 'error-message',
  errorAttempts: 'error-attempts',
  originalTopic: 'original-topic',
  originalPartition: 'original-partition',
  originalOffset: 'original-offset',
  failedAt: 'failed-at',
} as const;

export const dlqHeaderNames: ReadonlySet<string> = new Set(Object.values(DlqHeader));

/**
 * How many times `redrive` has sent a message back. It is an ordinary header (not stripped with the
 * DLQ ones), so a message that fails again reaches the DLQ still carrying it.
 */
export const REDRIVE_COUNT_HEADER = 'redrive-count';

export type StringHeaders = Record<string, string>;

/**
 * The standard headers for one outgoing message: the given ones win, then a fresh event id, the
 * current time, the producer's name, the tenant, and the active span's W3C trace context.
 */
export function standardHeaders(opts: {
  producer: string;
  tenantId?: string | undefined;
  headers?: StringHeaders | undefined;
}): StringHeaders {
  return standardHeadersOf(opts.producer)(opts.tenantId, opts.headers);
}

/**
 * `standardHeaders` for messages sent together: the trace context, time and producer are read
 * once for all of them (a batch is one span at one time), not once per message; the event id is
 * drawn per message unless given.
 */
export function standardHeadersOf(
  producer: string,
): (tenantId: string | undefined, given?: StringHeaders) => StringHeaders {
  const shared: StringHeaders = {
    ...traceHeaders(),
    [Header.occurredAt]: new Date().toISOString(),
    [Header.producer]: producer,
  };
  return (tenantId, given = {}) => ({
    ...shared,
    [Header.eventId]: given[Header.eventId] ?? randomUUID(),
    ...(tenantId ? { [Header.tenantId]: tenantId } : {}),
    ...given,
  });
}

type RawHeaderValue = Buffer | string | (Buffer | string)[] | undefined;

/** Kafka headers (Buffers, possibly repeated) as strings; a repeated header keeps its first value. */
export function headersToStrings(raw: Record<string, RawHeaderValue> | undefined): StringHeaders {
  const out: StringHeaders = {};
  for (const [k, v] of Object.entries(raw ?? {})) {
    const one = Array.isArray(v) ? v[0] : v;
    if (one !== undefined) out[k] = one.toString();
  }
  return out;
}
