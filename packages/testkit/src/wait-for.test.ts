import { waitFor } from './wait-for';

describe('waitFor', () => {
  it('returns the first truthy value', async () => {
    let calls = 0;
    const value = await waitFor(() => (++calls >= 3 ? { calls } : undefined), { intervalMs: 1 });
    expect(value).toEqual({ calls: 3 });
  });

  it('treats a throw as "not yet"', async () => {
    let calls = 0;
    const value = await waitFor(
      () => {
        if (++calls < 2) throw new Error('not ready');
        return 'ready';
      },
      { intervalMs: 1 },
    );
    expect(value).toBe('ready');
  });

  it('times out naming what it waited for and the last error', async () => {
    const started = Date.now();
    await expect(
      waitFor(
        () => {
          throw new Error('connection refused');
        },
        { timeoutMs: 200, intervalMs: 20, message: 'the consumer to join' },
      ),
    ).rejects.toThrow(
      'waitFor timed out after 200 ms: the consumer to join (last error: connection refused)',
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
  });

  it('reports the last falsy value on timeout', async () => {
    await expect(waitFor(() => 0, { timeoutMs: 50, intervalMs: 10 })).rejects.toThrow('(last value: 0)');
  });
});
