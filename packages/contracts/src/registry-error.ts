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

/** 4xx from the registry is a refusal that retrying won't change; anything else (5xx, network) may pass. */
export function toRegistryError(err: unknown, what: string): RegistryError {
  const status = registryStatus(err);
  const refused = status !== undefined && status >= 400 && status < 500;
  const detail = err instanceof Error ? err.message : String(err);
  return new RegistryError(refused ? 'schema_rejected' : 'registry_unavailable', `${what}: ${detail}`, !refused, { cause: err });
}
