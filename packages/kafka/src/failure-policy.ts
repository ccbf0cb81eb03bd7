import { isDecodeError } from '@scorecard/contracts';
import { classifyPgError } from '@scorecard/db';
import { InfrastructureError, isRetryable } from '@scorecard/errors';

/**
 * What a consumer does with a failed message:
 * - `retry-forever`: an infrastructure failure (Postgres, broker, registry) that is retryable.
 *   The dependency will come back; sending the message to the DLQ would turn an outage into lost
 *   data, so the partition blocks and retries with backoff until it succeeds or the consumer stops.
 * - `retry-limited`: the application marked the error retryable (e.g. a referenced row has not
 *   arrived yet). Retried up to `maxAttempts`, then dead-lettered: a wait that never ends is a bug.
 * - `dlq`: everything else (decode failures, validation, bugs) — retrying cannot help.
 */
export type FailureAction = 'retry-forever' | 'retry-limited' | 'dlq';

export function classifyFailure(err: unknown): FailureAction {
  if (isDecodeError(err)) return 'dlq';
  const pg = classifyPgError(err);
  if (pg.code !== 'UNKNOWN') return pg.retryable ? 'retry-forever' : 'dlq';
  if (!isRetryable(err)) return 'dlq';
  return err instanceof InfrastructureError || isClientInfrastructure(err)
    ? 'retry-forever'
    : 'retry-limited';
}

// kafkajs errors (retriable KafkaJS*) and the serde's RegistryError are infrastructure too.
function isClientInfrastructure(err: unknown): boolean {
  const name = (err as { name?: unknown }).name;
  return typeof name === 'string' && (name.startsWith('KafkaJS') || name === 'RegistryError');
}

/** Error code for the DLQ `error-code` header. */
export function errorCode(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && code.length > 0) return code;
  return err instanceof Error ? err.name : 'unknown';
}
