import { startPollingWorker } from './polling-worker';

describe('startPollingWorker', () => {
  it('drains back-to-back while a tick reports more work, then sleeps until stopped', async () => {
    const backlog = [3, 2, 1];
    let ticks = 0;
    const worker = startPollingWorker(() => {
      ticks += 1;
      return Promise.resolve((backlog.shift() ?? 0) > 1);
    }, 60_000);
    // Backlog ticks 1 and 2 say "more"; tick 3 says "no more" and the worker sleeps a minute.
    await new Promise((r) => setTimeout(r, 50));
    expect(ticks).toBe(3);
    const started = Date.now();
    await worker.stop();
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(ticks).toBe(3);
  });
});
