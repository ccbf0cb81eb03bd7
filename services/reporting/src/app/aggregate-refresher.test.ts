import { createAggregateRefresher } from './aggregate-refresher';

describe('aggregate refresher', () => {
  it('rebuilds each dirty period once per flush, per tenant', async () => {
    const calls: [string, string[]][] = [];
    const r = createAggregateRefresher((t, ps) => (calls.push([t, [...ps].sort()]), Promise.resolve()), {
      intervalMs: 60_000,
      onError: () => undefined,
    });
    r.markDirty('a', ['m1', 'm2']);
    r.markDirty('a', ['m1']);
    r.markDirty('b', ['m1']);
    await r.flush();
    expect(calls).toEqual([
      ['a', ['m1', 'm2']],
      ['b', ['m1']],
    ]);
    await r.flush();
    expect(calls).toHaveLength(2);
    await r.stop();
  });

  it('keeps a failed period dirty and retries it', async () => {
    let fail = true;
    const done: string[] = [];
    const errors: unknown[] = [];
    const r = createAggregateRefresher(
      (_t, ps) => {
        if (fail) return Promise.reject(new Error('clickhouse busy'));
        done.push(...ps);
        return Promise.resolve();
      },
      { intervalMs: 60_000, onError: (e) => errors.push(e) },
    );
    r.markDirty('a', ['m1']);
    await r.flush();
    expect(errors).toHaveLength(1);
    fail = false;
    await r.stop();
    expect(done).toEqual(['m1']);
  });
});
