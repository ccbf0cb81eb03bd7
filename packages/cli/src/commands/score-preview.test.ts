import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runScorePreview } from './score-preview';

const bin = join(__dirname, '..', '..', 'bin', 'scorecard.js');
const kpi = {
  slug: 'tickets_closed',
  name: 'Tickets closed',
  category: 'productivity',
  direction: 'higher_is_better',
  target: 40,
  scoring_method: 'linear',
  weight_default: 1,
  evaluation_frequency: 'monthly',
};
// 30 / 40 = 0.75 → 75; 50 / 40 = 1.25 → capped at 100.
const request = { kpi, actual: 30 };
const second = { kpi, actual: 50 };

function cli(args: string[], input?: string): { status: number | null; stdout: string; stderr: string } {
  const res = spawnSync(process.execPath, [bin, 'score-preview', ...args], {
    input: input ?? '',
    encoding: 'utf8',
  });
  return { status: res.status, stdout: res.stdout, stderr: res.stderr };
}

describe('scorecard score-preview (spawned)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'score-preview-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads one request from a file', () => {
    const file = join(dir, 'one.json');
    writeFileSync(file, JSON.stringify(request));
    const res = cli([file]);
    expect(res.status).toBe(0);
    const out = JSON.parse(res.stdout) as { raw: number; score: number; status: string };
    expect([out.raw, out.score, out.status]).toEqual([0.75, 75, 'scored']);
  });

  it('reads an array of requests from stdin and prints an array', () => {
    const res = cli([], JSON.stringify([request, second]));
    expect(res.status).toBe(0);
    const out = JSON.parse(res.stdout) as { score: number }[];
    expect(out.map((r) => r.score)).toEqual([75, 100]);
  });

  it('prints the errors with paths and exits 1 on an invalid request', () => {
    const res = cli([], JSON.stringify([request, { kpi: { ...kpi, target: 0 }, actual: 1 }]));
    expect(res.status).toBe(1);
    expect(res.stdout).toBe('');
    const { errors } = JSON.parse(res.stderr) as { errors: { path: string; message: string }[] };
    expect(errors.map((e) => e.path)).toEqual(['[1].kpi.target']);
  });
});

describe('runScorePreview', () => {
  it('reports unparseable JSON as an error at the root', () => {
    const run = runScorePreview('{not json');
    expect(run.ok).toBe(false);
    expect(!run.ok && run.errors[0]?.path).toBe('');
    expect(!run.ok && run.errors[0]?.message).toMatch(/^invalid JSON/);
  });

  it('rejects a request that is neither a KPI nor a scorecard', () => {
    const run = runScorePreview('{"foo": 1}');
    expect(run.ok).toBe(false);
    expect(!run.ok && run.errors.map((e) => e.path)).toEqual(['']);
    expect(!run.ok && run.errors[0]?.message).toContain('`kpi`');
  });
});
