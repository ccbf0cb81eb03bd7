import { defaultStart, sendEvents, type PostResult } from './generate';
import type { GeneratedEvent } from '@scorecard/generator';

const events = Array.from({ length: 12_001 }, (_, i) => ({ id: `e${i}` }) as unknown as GeneratedEvent);
const ok = (n: number): PostResult => ({ status: 202, body: { accepted: n, duplicates: 0 } });

describe('generate: sending', () => {
  it('sends batches of at most 5,000 in order and sums the results', async () => {
    const sizes: number[] = [];
    const progress: number[] = [];
    const out = await sendEvents({
      events,
      post: (b) => (sizes.push(b.length), Promise.resolve(ok(b.length))),
      onProgress: (n) => progress.push(n),
      batchSize: 9_999,
    });
    expect(sizes).toEqual([5_000, 5_000, 2_001]);
    expect(progress).toEqual([5_000, 10_000, 12_001]);
    expect(out).toEqual({ accepted: 12_001, duplicates: 0, retries: 0 });
  });

  it('retries a batch on 503 and on network errors, then goes on', async () => {
    const answers: (PostResult | Error)[] = [
      { status: 503, body: {} },
      new Error('ECONNREFUSED'),
      ok(5_000),
      ok(5_000),
      { status: 202, body: { accepted: 1_000, duplicates: 1_001 } },
    ];
    const firstIds: string[] = [];
    const slept: number[] = [];
    const out = await sendEvents({
      events,
      post: (b) => {
        firstIds.push(b[0]!.id);
        const a = answers.shift()!;
        return a instanceof Error ? Promise.reject(a) : Promise.resolve(a);
      },
      sleep: (ms) => (slept.push(ms), Promise.resolve()),
    });
    expect(firstIds).toEqual(['e0', 'e0', 'e0', 'e5000', 'e10000']);
    expect(slept).toEqual([250, 500]);
    expect(out).toEqual({ accepted: 11_000, duplicates: 1_001, retries: 2 });
  });

  it('stops on a refused batch with the problem details, and gives up after maxAttempts', async () => {
    await expect(
      sendEvents({
        events,
        post: () => Promise.resolve({ status: 400, body: { errors: [{ path: 'events[3].data.csat' }] } }),
      }),
    ).rejects.toThrow('events[3].data.csat');
    await expect(
      sendEvents({
        events,
        maxAttempts: 3,
        sleep: () => Promise.resolve(),
        post: () => Promise.resolve({ status: 503, body: {} }),
      }),
    ).rejects.toThrow('after 3 attempts');
  });

  it('ends the default window with the current month', () => {
    expect(defaultStart(new Date('2026-11-21T02:00:00Z'), 3)).toBe('2026-09-01');
    expect(defaultStart(new Date('2026-02-10T00:00:00Z'), 6)).toBe('2025-09-01');
  });
});
