export interface PollingWorker {
  /** Lets the current tick finish, then stops; a sleeping worker wakes at once. */
  stop(): Promise<void>;
}

/**
 * Calls `tick` until stopped. A tick that says there is more work runs the next one at once
 * (draining a backlog); otherwise the worker sleeps `pollMs`. Ticks handle their own errors.
 */
export function startPollingWorker(tick: () => Promise<boolean>, pollMs: number): PollingWorker {
  let stopping = false;
  let wake: () => void = () => undefined;
  const loop = (async () => {
    while (!stopping) {
      if (await tick()) continue;
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, pollMs);
      });
    }
  })();
  return {
    async stop() {
      stopping = true;
      wake();
      await loop;
    },
  };
}
