/** The schema registry failed or refused; `retryable` follows the isRetryable convention of @scorecard/errors. */
export class RegistryError extends Error {
  constructor(
    readonly code: 'registry_unavailable' | 'schema_rejected',
    message: string,
    readonly retryable: boolean,
    opts?: { cause?: unknown },
  ) {
    super(message, opts);
    this.name = 'RegistryError';
  }
}

/** HTTP status of a registry client error (mappersmith responses carry `status`). */
export function registryStatus(err: unknown): number | undefined {
  if (typeof err !== 'object' || err === null || !('status' in err)) return undefined;
  const status = err.status;
  return typeof status === 'number' ? status : undefined;
}

// mappersmith reports a failed connection as a response with status 400 and the socket error text.
const NETWORK_FAILURE = /ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|socket hang up|timeout/i;

/**
 * A refusal (4xx, or the client's own Confluent*Error such as a missing subject on lookup) is not
 * retryable; a network failure or 5xx is.
 */
export function toRegistryError(err: unknown, what: string): RegistryError {
  const status = registryStatus(err);
  const detail = err instanceof Error ? err.message : String(err);
  const name = err instanceof Error ? err.name : '';
  const refused =
    !NETWORK_FAILURE.test(detail) && (name.startsWith('ConfluentSchemaRegistry') || (status !== undefined && status >= 400 && status < 500));
  return new RegistryError(refused ? 'schema_rejected' : 'registry_unavailable', `${what}: ${detail}`, !refused, { cause: err });
}
