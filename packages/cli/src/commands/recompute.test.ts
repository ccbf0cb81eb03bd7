import { followRun, type RecomputeApi, type RunView } from './recompute';

describe('followRun', () => {
  it('polls until the run ends and reports each step', async () => {
    const views: RunView[] = [
      { status: 'queued', progress: { done: 0, total: 0 } },
      { status: 'running', progress: { done: 500, total: 1000 } },
      { status: 'succeeded', progress: { done: 1000, total: 1000 }, changed: 990 },
    ];
    const api: RecomputeApi = {
      requestRun: () => Promise.resolve('r1'),
      getRun: () => Promise.resolve(views.shift()!),
    };
    const seen: number[] = [];
    const end = await followRun(api, 'r1', (r) => seen.push(r.progress.done), {
      intervalMs: 0,
      sleep: () => Promise.resolve(),
    });
    expect(seen).toEqual([0, 500, 1000]);
    expect(end).toMatchObject({ status: 'succeeded', changed: 990 });
  });

  it('stops at a failed run', async () => {
    const api: RecomputeApi = {
      requestRun: () => Promise.resolve('r2'),
      getRun: () =>
        Promise.resolve({
          status: 'failed',
          progress: { done: 3, total: 9 },
          error: 'period monthly:2026-11 is finalized',
        }),
    };
    const end = await followRun(api, 'r2', () => undefined, { intervalMs: 0 });
    expect(end.error).toContain('finalized');
  });
});
