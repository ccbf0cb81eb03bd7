/**
 * A failure of infrastructure (database, broker, registry). `retryable` tells consumers and
 * relays whether backing off and trying again can succeed (kafkajs-style `retriable`).
 */
export class InfrastructureError extends Error {
  readonly retryable: boolean;
  readonly code: string;

  constructor(message: string, opts: { retryable: boolean; code: string; cause?: unknown }) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'InfrastructureError';
    this.retryable = opts.retryable;
    this.code = opts.code;
  }
}

/** True when an error says it may succeed on retry (ours, kafkajs' `retriable`, or a flag). */
export function isRetryable(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const e = err as { retryable?: unknown; retriable?: unknown };
  return e.retryable === true || e.retriable === true;
}
