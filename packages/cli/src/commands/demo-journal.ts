// The demo's manual coaching scores: line managers record the code-of-conduct rubric of the care
// workforce in the Living Journal, as a care provider's team leaders would each month.
import { createRandom, type Person } from '@scorecard/generator';

/** The manual KPI the demo scores through the journal (a manager rubric, 1–5 scaled to 100). */
export const DEMO_JOURNAL_KPI = 'code-of-conduct-culture';
const CARE_DEPARTMENTS = new Set(['dep-community-care', 'dep-corporate']);

export interface DemoJournalScore {
  staffId: string;
  /** The line manager who writes the entry. */
  managerId: string;
  periodId: string;
  body: {
    entry_type: 'score_recorded';
    title: string;
    content: string;
    kpi_id: string;
    period_id: string;
    score_after: number;
    visible_to_staff: true;
  };
}

/** The monthly periods of a generated window (`monthly:YYYY-MM`, UTC). */
export function monthsOf(window: { start: string; end: string }) {
  const out: { periodId: string; startMs: number; endMs: number }[] = [];
  const endMs = Date.parse(window.end);
  for (let d = new Date(window.start); d.getTime() < endMs;) {
    const next = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1));
    out.push({
      periodId: `monthly:${d.toISOString().slice(0, 7)}`,
      startMs: d.getTime(),
      endMs: next.getTime(),
    });
    d = next;
  }
  return out;
}

/**
 * One rubric score per person of the care and corporate departments and month they worked in,
 * written by their line manager. Deterministic: the rubric follows the person's skill with a
 * seeded month-to-month wobble.
 */
export function demoJournalScores(
  people: readonly Person[],
  months: readonly { periodId: string; startMs: number; endMs: number }[],
  seed: number,
): DemoJournalScore[] {
  const out: DemoJournalScore[] = [];
  for (const p of people) {
    if (!CARE_DEPARTMENTS.has(p.departmentId) || p.managerId === undefined) continue;
    const rnd = createRandom(seed).fork(`journal:${p.id}`);
    for (const m of months) {
      const wobble = rnd.normal(0, 0.4);
      if (p.hiredMs >= m.endMs || (p.exitedMs !== undefined && p.exitedMs < m.endMs)) continue;
      const rubric = Math.min(5, Math.max(2, Math.round(3.7 + 0.8 * p.skill + wobble)));
      out.push({
        staffId: p.id,
        managerId: p.managerId,
        periodId: m.periodId,
        body: {
          entry_type: 'score_recorded',
          title: `Code of conduct rubric, ${m.periodId.slice('monthly:'.length)}`,
          content: `Manager rubric across the code-of-conduct elements: ${rubric}/5.`,
          kpi_id: DEMO_JOURNAL_KPI,
          period_id: m.periodId,
          score_after: rubric * 20,
          visible_to_staff: true,
        },
      });
    }
  }
  return out;
}

/** What the demo reads of an entry already in a journal. */
export interface EntrySummary {
  entry_type: string;
  kpi_id: string | null;
  period_id: string | null;
}

export interface JournalApi {
  /** The person's entries for the score's period, or null while review does not know them yet. */
  existing(score: DemoJournalScore): Promise<EntrySummary[] | null>;
  /** Posts the entry; false while review does not know the person (or their line) yet. */
  post(score: DemoJournalScore): Promise<boolean>;
}

/**
 * Records the scores not yet in the journal (a restart adds nothing). Review learns the people
 * from the HR topic a little after ingest accepted them, so a person it does not know yet is
 * retried until `deadlineMs`. Returns how many were written and how many were already there.
 */
export async function recordDemoJournalScores(
  scores: readonly DemoJournalScore[],
  api: JournalApi,
  opts: { deadlineMs: number; now?: () => number; sleep?: (ms: number) => Promise<void> },
): Promise<{ written: number; present: number; skipped: number }> {
  const now = opts.now ?? Date.now;
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const result = { written: 0, present: 0, skipped: 0 };
  let pending = [...scores];
  while (pending.length > 0) {
    const later: DemoJournalScore[] = [];
    for (const s of pending) {
      const entries = await api.existing(s);
      if (entries === null) {
        later.push(s);
        continue;
      }
      if (
        entries.some(
          (e) =>
            e.entry_type === s.body.entry_type && e.kpi_id === s.body.kpi_id && e.period_id === s.periodId,
        )
      ) {
        result.present++;
        continue;
      }
      if (await api.post(s)) result.written++;
      else later.push(s);
    }
    pending = later;
    if (pending.length === 0) break;
    if (now() >= opts.deadlineMs) {
      result.skipped = pending.length;
      break;
    }
    await sleep(2_000);
  }
  return result;
}

/** The journal API through the gateway, writing as each line manager (a dev token per manager). */
export function gatewayJournalApi(gateway: string, tenant: string): JournalApi {
  const tokens = new Map<string, Promise<string>>();
  const tokenOf = (managerId: string) => {
    let token = tokens.get(managerId);
    if (!token) {
      token = fetch(`${gateway}/api/v1/auth/dev-token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          sub: managerId,
          roles: ['manager'],
          tenant_id: tenant,
          employee_id: managerId,
        }),
      }).then(async (res) => ((await res.json()) as { token: string }).token);
      tokens.set(managerId, token);
    }
    return token;
  };
  const entries = (s: DemoJournalScore) =>
    `${gateway}/api/v1/journal/${encodeURIComponent(s.staffId)}/entries`;
  const headers = async (s: DemoJournalScore) => ({
    authorization: `Bearer ${await tokenOf(s.managerId)}`,
    'content-type': 'application/json',
  });
  // 404: review does not know the person, or not yet that this manager is in their line (a post
  // from outside the line would wait for approval, so nothing is posted before the read succeeds).
  const notYet = (status: number) => status === 404;
  return {
    async existing(s) {
      const res = await fetch(`${entries(s)}?period_id=${encodeURIComponent(s.periodId)}`, {
        headers: await headers(s),
      });
      if (notYet(res.status)) return null;
      if (!res.ok) throw new Error(`journal of ${s.staffId}: ${res.status} ${await res.text()}`);
      return ((await res.json()) as { items: EntrySummary[] }).items;
    },
    async post(s) {
      const res = await fetch(entries(s), {
        method: 'POST',
        headers: await headers(s),
        body: JSON.stringify(s.body),
      });
      if (notYet(res.status)) return false;
      if (!res.ok) throw new Error(`journal entry for ${s.staffId}: ${res.status} ${await res.text()}`);
      return true;
    },
  };
}
