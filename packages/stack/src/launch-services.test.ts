import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { restartDelayMs, serviceStatuses } from './launch-services';

describe('restartDelayMs', () => {
  it.each([
    [1, 1_000],
    [2, 2_000],
    [3, 4_000],
    [5, 16_000],
    [6, 30_000],
    [40, 30_000],
  ])('after %i consecutive failures waits %i ms', (failures, ms) => {
    expect(restartDelayMs(failures)).toBe(ms);
  });
});

describe('serviceStatuses', () => {
  const dir = mkdtempSync(join(tmpdir(), 'scorecard-states-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is empty when no supervisor ever wrote a state file', () => {
    expect(serviceStatuses(join(dir, 'nowhere'))).toEqual([]);
  });

  it('reads the state file and says which pids live', () => {
    const base = { url: 'http://127.0.0.1:4001', lastExit: null, startedAt: '2026-12-02T00:00:00.000Z' };
    writeFileSync(
      join(dir, 'services.json'),
      JSON.stringify({
        registry: { ...base, pid: process.pid, restarts: 2, lastExit: 'signal SIGKILL' },
        ingest: { ...base, pid: null, restarts: 0 },
      }),
    );
    expect(serviceStatuses(dir)).toEqual([
      { name: 'registry', ...base, pid: process.pid, restarts: 2, lastExit: 'signal SIGKILL', running: true },
      { name: 'ingest', ...base, pid: null, restarts: 0, running: false },
    ]);
  });
});
