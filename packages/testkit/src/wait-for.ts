import { setTimeout as sleep } from 'node:timers/promises';

export interface WaitForOptions {
  /** Give up after this long (default 15 000 ms). */
  timeoutMs?: number;
  /** Pause between attempts (default 100 ms). */
  intervalMs?: number;
  /** What was awaited, for the timeout error. */
  message?: string;
}

export type Truthy<T> = Exclude<T, false | 0 | 0n | '' | null | undefined>;

/**
 * Polls `fn` until it returns a truthy value and returns that value. A throw counts as "not yet";
 * on timeout the error names `message` and the last value or error seen.
 */
export async function waitFor<T>(
  fn: () => T | Promise<T>,
  opts: WaitForOptions = {},
): Promise<Truthy<Awaited<T>>> {
  const { timeoutMs = 15_000, intervalMs = 100, message = 'condition' } = opts;
  const deadline = Date.now() + timeoutMs;
  let last: string;
  for (;;) {
    try {
      const value = await fn();
      if (value) return value as Truthy<Awaited<T>>;
      last = `last value: ${String(value)}`;
    } catch (err) {
      last = `last error: ${err instanceof Error ? err.message : String(err)}`;
    }
    if (Date.now() + intervalMs > deadline)
      throw new Error(`waitFor timed out after ${timeoutMs} ms: ${message} (${last})`);
    await sleep(intervalMs);
  }
}
