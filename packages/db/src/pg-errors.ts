import { InfrastructureError } from '@scorecard/errors';

/** SQLSTATEs services commonly branch on. `immutableRow` is ours, raised by the append-only triggers. */
export const SqlState = {
  uniqueViolation: '23505',
  foreignKeyViolation: '23503',
  serializationFailure: '40001',
  deadlockDetected: '40P01',
  // Class 55 is "object not in prerequisite state"; 'S01' is not used by PostgreSQL itself.
  immutableRow: '55S01',
} as const;

export interface PgErrorClass {
  /** SQLSTATE, Node socket error code (ECONNREFUSED…), CONNECTION_LOST, or UNKNOWN. */
  code: string;
  retryable: boolean;
  constraint?: string;
}

const SQLSTATE = /^[0-9A-Z]{5}$/;

// Transient by nature: the same statement can succeed on a fresh attempt or connection.
// Deliberately absent: 57014 (statement_timeout) and 53200 (out_of_memory) — one message can hit
// them every time, and consumers retry infrastructure errors without limit.
const RETRYABLE_SQLSTATES = new Set([
  '40001', // serialization_failure
  '40P01', // deadlock_detected
  '55P03', // lock_not_available (lock_timeout)
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up / recovery)
  '57P05', // idle_session_timeout
  '53300', // too_many_connections
]);

const RETRYABLE_SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

// node-postgres and pg-pool report a dropped or unobtainable connection without a code.
const CONNECTION_LOST_MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error',
];

const UNKNOWN: PgErrorClass = { code: 'UNKNOWN', retryable: false };

/**
 * Classifies an error from pg, TypeORM (QueryFailedError) or a socket. Looks through `driverError`,
 * `cause` and AggregateError members, so it also works on an InfrastructureError built from one.
 */
export function classifyPgError(err: unknown): PgErrorClass {
  return classifyDeep(err, 0) ?? UNKNOWN;
}

/** Wraps a database/connection error in InfrastructureError (code = SQLSTATE); other errors pass through. */
export function toInfrastructureError(err: unknown): unknown {
  if (err instanceof InfrastructureError) return err;
  const { code, retryable } = classifyPgError(err);
  if (code === UNKNOWN.code) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new InfrastructureError(`postgres: ${message}`, { retryable, code, cause: err });
}

interface ErrorLike {
  code?: unknown;
  constraint?: unknown;
  message?: unknown;
  driverError?: unknown;
  cause?: unknown;
  errors?: unknown;
}

function classifyDeep(err: unknown, depth: number): PgErrorClass | undefined {
  if (typeof err !== 'object' || err === null || depth > 4) return undefined;
  const e = err as ErrorLike;
  // The innermost driver error carries the most detail (e.g. `constraint`), so it wins.
  return (
    classifyDeep(e.driverError, depth + 1) ??
    classifyDeep(e.cause, depth + 1) ??
    (Array.isArray(e.errors) ? classifyDeep(e.errors[0], depth + 1) : undefined) ??
    classifyOwn(e)
  );
}

function classifyOwn(e: ErrorLike): PgErrorClass | undefined {
  if (typeof e.code === 'string' && SQLSTATE.test(e.code)) {
    const retryable = e.code.startsWith('08') || RETRYABLE_SQLSTATES.has(e.code);
    return typeof e.constraint === 'string'
      ? { code: e.code, retryable, constraint: e.constraint }
      : { code: e.code, retryable };
  }
  if (typeof e.code === 'string' && RETRYABLE_SOCKET_CODES.has(e.code)) {
    return { code: e.code, retryable: true };
  }
  const message = typeof e.message === 'string' ? e.message : '';
  if (CONNECTION_LOST_MESSAGES.some((m) => message.startsWith(m))) {
    return { code: 'CONNECTION_LOST', retryable: true };
  }
  return undefined;
}
