import { generateTenant } from '@scorecard/generator';
import {
  demoJournalScores,
  monthsOf,
  recordDemoJournalScores,
  type DemoJournalScore,
  type EntrySummary,
  type JournalApi,
} from './demo-journal';

const tenant = generateTenant({ employees: 40, months: 2, seed: 42, start: '2026-08-01' });
const months = monthsOf(tenant.window);

describe('demo journal scores', () => {
  it('names the window’s monthly periods', () => {
    expect(months.map((m) => m.periodId)).toEqual(['monthly:2026-08', 'monthly:2026-09']);
    expect(months[1]).toMatchObject({
      startMs: Date.parse('2026-09-01T00:00:00Z'),
      endMs: Date.parse('2026-10-01T00:00:00Z'),
    });
  });

  it('scores the care and corporate staff each month, written by their line manager', () => {
    const scores = demoJournalScores(tenant.people, months, 42);
    const people = new Map(tenant.people.map((p) => [p.id, p]));
    const scored = new Set(scores.map((s) => s.staffId));
    const expected = tenant.people.filter(
      (p) =>
        (p.departmentId === 'dep-community-care' || p.departmentId === 'dep-corporate') &&
        p.managerId !== undefined &&
        p.exitedMs === undefined &&
        p.hiredMs < months[1]!.endMs,
    );
    expect(expected.length).toBeGreaterThan(5);
    for (const p of expected) expect(scored).toContain(p.id);
    for (const s of scores) {
      const p = people.get(s.staffId)!;
      expect(s.managerId).toBe(p.managerId);
      expect(['dep-community-care', 'dep-corporate']).toContain(p.departmentId);
      expect(s.body).toMatchObject({
        entry_type: 'score_recorded',
        kpi_id: 'code-of-conduct-culture',
        period_id: s.periodId,
      });
      // A 1–5 rubric scaled to 100, never below 2.
      expect([40, 60, 80, 100]).toContain(s.body.score_after);
    }
    // The ISP departments' people get none.
    expect(scores.some((s) => people.get(s.staffId)!.departmentId === 'dep-customer-care')).toBe(false);
    // Skill shows: the skilled average higher than the struggling.
    const mean = (xs: DemoJournalScore[]) => xs.reduce((a, s) => a + s.body.score_after, 0) / xs.length;
    const skill = (s: DemoJournalScore) => people.get(s.staffId)!.skill;
    expect(mean(scores.filter((s) => skill(s) > 0.5))).toBeGreaterThan(
      mean(scores.filter((s) => skill(s) < -0.5)),
    );
  });

  it('is deterministic for a seed', () => {
    expect(demoJournalScores(tenant.people, months, 42)).toEqual(
      demoJournalScores(tenant.people, months, 42),
    );
    expect(demoJournalScores(tenant.people, months, 43)).not.toEqual(
      demoJournalScores(tenant.people, months, 42),
    );
  });
});

/** A journal that answers a score's read only after `knownAfter` tries, and keeps what is posted. */
function fakeJournal(knownAfter: number, already: Record<string, EntrySummary[]> = {}) {
  const reads = new Map<string, number>();
  const posted: DemoJournalScore[] = [];
  const api: JournalApi = {
    existing: (s) => {
      const key = `${s.staffId} ${s.periodId}`;
      const n = (reads.get(key) ?? 0) + 1;
      reads.set(key, n);
      return Promise.resolve(n > knownAfter ? (already[key] ?? []) : null);
    },
    post: (s) => (posted.push(s), Promise.resolve(true)),
  };
  return { api, posted };
}

describe('recording the demo journal scores', () => {
  const scores = demoJournalScores(tenant.people, months, 42).slice(0, 4);
  const [first, second] = scores as [DemoJournalScore, DemoJournalScore];

  it('waits until review knows the people, then posts each once', async () => {
    const { api, posted } = fakeJournal(2);
    const sleeps: number[] = [];
    const r = await recordDemoJournalScores(scores, api, {
      deadlineMs: 10_000,
      now: () => 0,
      sleep: (ms) => (sleeps.push(ms), Promise.resolve()),
    });
    expect(r).toEqual({ written: 4, present: 0, skipped: 0 });
    expect(posted).toEqual(scores);
    expect(sleeps).toEqual([2_000, 2_000]);
  });

  it('skips what the journal already has (a restart writes nothing new)', async () => {
    const { api, posted } = fakeJournal(0, {
      [`${first.staffId} ${first.periodId}`]: [
        { entry_type: 'score_recorded', kpi_id: 'code-of-conduct-culture', period_id: first.periodId },
      ],
      [`${second.staffId} ${second.periodId}`]: [
        { entry_type: 'note', kpi_id: null, period_id: second.periodId },
      ],
    });
    const r = await recordDemoJournalScores([first, second], api, { deadlineMs: 0, now: () => 0 });
    expect(r).toEqual({ written: 1, present: 1, skipped: 0 });
    expect(posted).toEqual([second]);
  });

  it('gives up at the deadline and says how many were skipped', async () => {
    const { api, posted } = fakeJournal(Infinity);
    let t = 0;
    const r = await recordDemoJournalScores(scores, api, {
      deadlineMs: 5_000,
      now: () => t,
      sleep: (ms) => ((t += ms), Promise.resolve()),
    });
    expect(r).toEqual({ written: 0, present: 0, skipped: 4 });
    expect(posted).toEqual([]);
  });
});
