/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-call -- HTTP bodies are untyped JSON, asserted field by field */
import { randomUUID } from 'node:crypto';
import { isVisibleToStaff } from '../src/domain/journal-rules';
import { TENANT, kpiState, who } from './fixtures';
import { startReview, type ReviewHarness } from './harness';

// GET /me/dashboard reads straight from review's tables; the rows are written here directly (the
// consumers and journal API that normally write them have their own tests).
const dana = who('dana', ['employee'], 'e-dana');

let h: ReviewHarness;
beforeAll(async () => {
  h = await startReview();
});
afterAll(() => h.stop());

interface Entry {
  id: string;
  visible: boolean;
  pending: boolean;
  decision: 'approved' | 'rejected' | null;
  at: Date;
}

async function journal(staffId: string, tenantId: string, e: Omit<Entry, 'id'>): Promise<Entry> {
  const id = randomUUID();
  await h.sql(
    `INSERT INTO journal_entries (id, tenant_id, staff_id, entry_type, title, visible_to_staff, pending_approval,
        author_id, created_at)
     VALUES ($1, $2, $3, 'observation', $4, $5, $6, 'm1', $7)`,
    [id, tenantId, staffId, `entry ${id}`, e.visible, e.pending, e.at],
  );
  if (e.decision !== null)
    await h.sql(
      `INSERT INTO journal_entries (id, tenant_id, staff_id, entry_type, title, visible_to_staff, linked_entry_id,
          decision, author_id, created_at)
       VALUES ($1, $2, $3, 'approval_decision', 'decision', false, $4, $5, 'm2', $6)`,
      [randomUUID(), tenantId, staffId, id, e.decision, e.at],
    );
  return { id, ...e };
}

describe('GET /me/dashboard', () => {
  it('shows the 20 newest entries the employee may see, however many hidden ones are newer', async () => {
    const at = (minute: number) => new Date(Date.UTC(2025, 0, 1, 0, minute));
    const entries: Entry[] = [];
    // Older: 24 visible, and one each pending-approved, pending-rejected, pending-undecided.
    for (let i = 0; i < 24; i++)
      entries.push(
        await journal('e-dana', TENANT, { visible: true, pending: false, decision: null, at: at(i) }),
      );
    entries.push(
      await journal('e-dana', TENANT, { visible: true, pending: true, decision: 'approved', at: at(30) }),
    );
    entries.push(
      await journal('e-dana', TENANT, { visible: true, pending: true, decision: 'rejected', at: at(31) }),
    );
    entries.push(
      await journal('e-dana', TENANT, { visible: true, pending: true, decision: null, at: at(32) }),
    );
    // Newer: 210 a manager kept private, and a visible entry about someone else in another tenant.
    for (let i = 0; i < 210; i++)
      entries.push(
        await journal('e-dana', TENANT, { visible: false, pending: false, decision: null, at: at(40 + i) }),
      );
    await journal('e-dana', 'other-tenant', { visible: true, pending: false, decision: null, at: at(300) });

    const res = await h.call('GET', '/me/dashboard', dana);
    expect(res.status).toBe(200);
    const expected = entries
      .filter((e) =>
        isVisibleToStaff({ visible_to_staff: e.visible, pending_approval: e.pending, decision: e.decision }),
      )
      .sort((a, b) => b.at.getTime() - a.at.getTime())
      .slice(0, 20)
      .map((e) => e.id);
    expect(res.body.journal.map((e: { id: string }) => e.id)).toEqual(expected);
    expect(expected[0]).toBe(entries[24]?.id); // the approved one, newest of those she may see
    expect(res.body.journal[0].created_at).toBe('2025-01-01T00:30:00.000Z');
  });

  it('lists active KPIs with their definition, newest scorecards first, and the trend between the last two', async () => {
    await h.sql(
      `INSERT INTO registry_entities (tenant_id, entity_type, entity_id, version, active, state, changed_at)
       VALUES ($1, 'kpi', 'k-care', 1, true, $2, now())`,
      [TENANT, JSON.stringify(kpiState('care', { name: 'Patient care' }))],
    );
    const kpi = (kpiId: string, status: string, score: number | null, day: number) =>
      h.sql(
        `INSERT INTO staff_kpis (id, tenant_id, staff_id, kpi_id, source, status, current_score, assigned_at,
            next_evaluation_due)
         VALUES ($1, $2, 'e-dana', $3, 'manual', $4, $5, $6, $6::timestamptz + interval '30 days 0.5 seconds')`,
        [randomUUID(), TENANT, kpiId, status, score, new Date(Date.UTC(2025, 0, day))],
      );
    await kpi('k-care', 'active', 75.456, 2);
    await kpi('k-unknown', 'active', null, 1); // the registry never sent this one
    await kpi('k-old', 'inactive', 40, 3);
    for (let m = 0; m < 14; m++) {
      const start = new Date(Date.UTC(2024, m, 1));
      await h.sql(
        `INSERT INTO scorecards (id, tenant_id, employee_id, period_id, period_start, period_end, frequency,
            template_id, template_version, status, computed, result, total_score, computed_at)
         VALUES ($1, $2, 'e-dana', $3, $4, $4::timestamptz + interval '1 month', 'monthly', 'tpl', 1, $5, '[]', '{}',
            $6, now())`,
        [randomUUID(), TENANT, `p-${m}`, start, m < 12 ? 'final' : 'in_review', 60 + 3 * m],
      );
    }

    const { body } = await h.call('GET', '/me/dashboard', dana);
    expect(body.kpis).toEqual([
      expect.objectContaining({ kpi_id: 'k-unknown', name: 'k-unknown', current_score: null, label: null }),
      expect.objectContaining({
        kpi_id: 'k-care',
        name: 'Patient care',
        current_score: 75.46,
        label: 'exceeding',
        next_evaluation_due: '2025-02-01T00:00:00.500Z',
      }),
    ]);
    expect(body.scorecards.map((s: { period_id: string }) => s.period_id)).toEqual(
      Array.from({ length: 12 }, (_, i) => `p-${13 - i}`),
    );
    expect(body.scorecards[0]).toEqual({
      period_id: 'p-13',
      period_start: '2025-02-01T00:00:00.000Z',
      status: 'provisional',
      total_score: 99,
    });
    expect(body.scorecards[2].status).toBe('final');
    expect(body.trend).toEqual({ direction: 'up', change: 3 });
  });
});
