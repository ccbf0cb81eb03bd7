import fc from 'fast-check';
import { backoffDelay, sleep } from './backoff';

describe('backoffDelay', () => {
  const opts = { initialMs: 100, maxMs: 5_000 };

  it.each([
    [1, 0, 50],
    [1, 1, 100],
    [2, 0, 100],
    [3, 1, 400],
    [7, 0.5, 3_750],
    [30, 1, 5_000],
  ])('attempt %i with random %f → %i ms', (attempt, r, expected) => {
    expect(backoffDelay(attempt, opts, () => r)).toBe(expected);
  });

  it('stays within [cap/2, cap] of the exponential step', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (attempt, r) => {
          const step = Math.min(opts.maxMs, opts.initialMs * 2 ** (attempt - 1));
          const d = backoffDelay(attempt, opts, () => r);
          return d >= Math.floor(step / 2) && d <= step;
        },
      ),
    );
  });
});

describe('sleep', () => {
  it('returns early when aborted', async () => {
    const ac = new AbortController();
    const started = Date.now();
    const done = sleep(10_000, ac.signal);
    ac.abort();
    await done;
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
