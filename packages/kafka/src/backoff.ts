export interface BackoffOptions {
  /** Delay before the first retry. */
  initialMs: number;
  /** Ceiling of the exponential growth. */
  maxMs: number;
}

/**
 * Delay before retry number `attempt` (1-based): exponential from `initialMs`, capped at `maxMs`,
 * with "equal jitter" (half fixed, half random) so replicas retrying the same outage spread out
 * while the delay still grows.
 */
export function backoffDelay(
  attempt: number,
  { initialMs, maxMs }: BackoffOptions,
  random: () => number = Math.random,
): number {
  const exp = Math.min(maxMs, initialMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exp / 2 + random() * (exp / 2));
}

/** Resolves after `ms`, or early when `signal` aborts (shutdown must not wait out a long backoff). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
