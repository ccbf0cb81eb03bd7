/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-call -- HTTP bodies are untyped JSON, asserted field by field */
import { ReviewChanged_Change } from '@scorecard/contracts';
import { computed, contract, employee, kpiState, registry, roleChange, who } from './fixtures';
import { startReview, type ReviewHarness } from './harness';

// Org: m2 → m1 → s1; another team: mx.
const m1 = who('m1', ['manager'], 'm1');
const m2 = who('m2', ['manager'], 'm2');
const mx = who('mx', ['manager'], 'mx');
const s1 = who('s1', ['employee'], 's1');
const hr = who('hr-1', ['hr']);

let h: ReviewHarness;
const kpis = async (id: string) =>
  await h.sql<{
    kpi_id: string;
    status: string;
    source: string;
    current_score: number | null;
    previous_score: number | null;
    score_trend: string | null;
    current_effort_score: number | null;
    next_evaluation_due: Date | null;
  }>(`SELECT * FROM staff_kpis WHERE staff_id = $1 ORDER BY kpi_id`, [id]);
const active = async (id: string) =>
  (await kpis(id)).filter((k) => k.status === 'active').map((k) => k.kpi_id);
const journalTypes = async (id: string) =>
  (
    await h.sql<{ entry_type: string; kpi_id: string }>(
      `SELECT entry_type, kpi_id FROM journal_entries WHERE staff_id = $1 ORDER BY created_at, entry_type, kpi_id`,
      [id],
    )
  ).map((e) => `${e.entry_type}:${e.kpi_id}`);

beforeAll(async () => {
  h = await startReview();
  await registry(
    h,
    'kpi',
    'k-conduct',
    kpiState('conduct', { role_groups: ['support', 'nurse'], category: 'culture' }),
  );
  await registry(
    h,
    'kpi',
    'k-tickets',
    kpiState('tickets', { role_groups: ['support'], evaluation_frequency: 'weekly' }),
  );
  await registry(h, 'kpi', 'k-care', kpiState('care', { role_groups: ['nurse'], category: 'care_quality' }));
  await registry(
    h,
    'kpi',
    'k-docs',
    kpiState('docs', { role_groups: ['support'], is_default_for_role: false, effort_weight: 0.2 }),
  );
  await registry(h, 'contract_template_kpis', 'ct-support', [
    { kpi_module_id: 'k-conduct', weight: 30, is_required: true },
    { kpi_module_id: 'k-tickets', weight: 70, is_required: false },
  ]);
  await registry(h, 'contract_template_kpis', 'ct-support-2', [
    { kpi_module_id: 'k-conduct', weight: 30, is_required: true },
    { kpi_module_id: 'k-docs', weight: 20, is_required: false },
  ]);
  await employee(h, 'm2');
  await employee(h, 'm1', { manager: 'm2' });
  await employee(h, 'mx');
  await employee(h, 's1', { manager: 'm1' });
  await h.waitFor(
    async () =>
      (await h.sql(`SELECT 1 FROM registry_entities`)).length === 6 &&
      (await h.sql(`SELECT 1 FROM manager_closure WHERE employee_id = 's1'`)).length === 2,
    { timeoutMs: 30_000, message: 'registry and people' },
  );
}, 120_000);
afterAll(() => h?.stop());

describe('staff KPI lifecycle', () => {
  it('contract created → template KPIs assigned with kpi_assigned journal entries', async () => {
    await contract(h, 'c-1', 's1', 'ct-support', 'new');
    await h.waitFor(async () => (await active('s1')).length === 2, { message: 'template KPIs' });
    expect(await active('s1')).toEqual(['k-conduct', 'k-tickets']);
    expect((await kpis('s1')).every((k) => k.source === 'template' && k.next_evaluation_due !== null)).toBe(
      true,
    );
    expect(await journalTypes('s1')).toEqual(['kpi_assigned:k-conduct', 'kpi_assigned:k-tickets']);
  });

  it('renewal → existing KPIs persist, new template KPIs are added', async () => {
    await contract(h, 'c-2', 's1', 'ct-support-2', 'renewal');
    await h.waitFor(async () => (await active('s1')).length === 3, { message: 'renewal KPIs' });
    expect(await active('s1')).toEqual(['k-conduct', 'k-docs', 'k-tickets']);
    expect((await journalTypes('s1')).filter((t) => t.startsWith('kpi_assigned'))).toHaveLength(3);
  });

  it('role change → old role-group KPIs deactivated, new group defaults assigned, universal ones kept', async () => {
    await roleChange(h, 'rc-1', 's1', 'support', 'nurse');
    await h.waitFor(async () => (await active('s1')).includes('k-care'), { message: 'role change' });
    expect(await active('s1')).toEqual(['k-care', 'k-conduct']);
    expect((await journalTypes('s1')).filter((t) => t.startsWith('kpi_deactivated')).sort()).toEqual([
      'kpi_deactivated:k-docs',
      'kpi_deactivated:k-tickets',
    ]);
  });

  it('every assignment change goes to compute as STAFF_KPI_CHANGED, a contract’s counting from its start', async () => {
    const changes = () =>
      h
        .received('scorecard.review.changed.v1')
        .filter((m) => m.value.change === ReviewChanged_Change.STAFF_KPI_CHANGED && m.key === 's1')
        .map((m) => m.value.staffKpi);
    // Contract: 2 assigned; renewal: 1; role change: 1 assigned, 2 deactivated.
    await h.waitFor(() => changes().length === 6, { message: 'staff KPI changes' });
    const latest = new Map(changes().map((s) => [s?.kpiId, s]));
    expect(latest.get('k-conduct')).toMatchObject({
      source: 'template',
      contractId: 'c-1',
      contractTemplateId: 'ct-support',
      weight: 30,
      status: 'active',
      activeFrom: '2025-01-01T00:00:00.000Z',
      activeTo: '',
      isRequired: true,
    });
    expect(latest.get('k-care')).toMatchObject({
      source: 'role_default',
      contractTemplateId: '',
      status: 'active',
    });
    for (const id of ['k-tickets', 'k-docs']) {
      const off = latest.get(id);
      expect(off).toMatchObject({
        status: 'inactive',
        contractTemplateId: id === 'k-docs' ? 'ct-support-2' : 'ct-support',
      });
      expect(Date.parse(off?.activeTo ?? '')).toBeGreaterThan(Date.parse('2025-01-01T00:00:00Z'));
    }
  });

  it('the API lists inactive KPIs with status=all, assigns manually and changes a status', async () => {
    expect((await h.call('GET', '/hr/staff/s1/kpis', m1)).body.items).toHaveLength(2);
    expect((await h.call('GET', '/hr/staff/s1/kpis?status=all', m1)).body.items).toHaveLength(4);
    expect((await h.call('GET', '/hr/staff/s1/kpis', mx)).status).toBe(404);
    const assigned = await h.call('POST', '/hr/staff/s1/kpis', m1, { kpi_module_id: 'k-docs' });
    expect(assigned.status).toBe(201);
    expect(assigned.body).toMatchObject({ kpi_id: 'k-docs', status: 'active', source: 'manual' });
    expect((await h.call('POST', '/hr/staff/s1/kpis', m1, { kpi_id: 'k-docs' })).status).toBe(409);
    const off = await h.call('PATCH', '/hr/staff/s1/kpis/k-docs/status', m1, {
      status: 'inactive',
      reason: 'Not in scope this quarter',
    });
    expect(off.body).toMatchObject({ status: 'inactive', deactivation_reason: 'Not in scope this quarter' });
    expect(
      (await h.call('PATCH', '/hr/staff/s1/kpis/k-conduct/status', m1, { status: 'inactive' })).status,
    ).toBe(403);
  });

  it('staff KPIs are never deleted', async () => {
    await expect(h.sql(`DELETE FROM staff_kpis WHERE staff_id = 's1'`)).rejects.toMatchObject({
      driverError: { code: '55S01' },
    });
  });
});

describe('Living Journal', () => {
  let hiddenId: string;
  let pendingId: string;

  it('managers write entries; the employee sees visible ones only, never hidden ones', async () => {
    const visible = await h.call('POST', '/journal/s1/entries', m1, {
      entry_type: 'coaching_session',
      title: 'Handover practice',
      content: 'Went well',
    });
    expect(visible.status).toBe(201);
    const hidden = await h.call('POST', '/journal/s1/entries', m1, {
      entry_type: 'observation',
      title: 'Private note',
      visible_to_staff: false,
    });
    hiddenId = hidden.body.id;
    const seen = (await h.call('GET', '/journal/s1/entries', s1)).body.items.map(
      (e: { title: string }) => e.title,
    );
    expect(seen).toContain('Handover practice');
    expect(seen).not.toContain('Private note');
    expect(seen.some((t: string) => t.startsWith('Care') || t.includes('assigned'))).toBe(true);
    expect(
      (await h.call('GET', '/journal/s1/entries', m1)).body.items.map((e: { id: string }) => e.id),
    ).toContain(hiddenId);
    expect(
      (await h.call('GET', '/me/dashboard', s1)).body.journal.map((e: { id: string }) => e.id),
    ).not.toContain(hiddenId);
  });

  it('a manager of another team gets 404 reading the journal', async () => {
    expect((await h.call('GET', '/journal/s1/entries', mx)).status).toBe(404);
  });

  it('staff may always respond, and may write nothing else about themselves', async () => {
    const first = (await h.call('GET', '/journal/s1/entries', s1)).body.items[0];
    const res = await h.call('POST', '/journal/s1/entries', s1, {
      entry_type: 'staff_response',
      title: 'Thanks',
      linked_entry_id: first.id,
      visible_to_staff: false,
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ visible_to_staff: true, pending_approval: false });
    expect(
      (await h.call('POST', '/journal/s1/entries', s1, { entry_type: 'observation', title: 'I was great' }))
        .status,
    ).toBe(403);
    expect(
      (await h.call('POST', '/journal/s1/entries', m1, { entry_type: 'kpi_assigned', title: 'x' })).status,
    ).toBe(422);
  });

  it('journal UPDATE and DELETE are rejected by the database', async () => {
    await expect(
      h.sql(`UPDATE journal_entries SET title = 'rewritten' WHERE id = $1`, [hiddenId]),
    ).rejects.toMatchObject({ driverError: { code: '55S01' } });
    await expect(h.sql(`DELETE FROM journal_entries WHERE id = $1`, [hiddenId])).rejects.toMatchObject({
      driverError: { code: '55S01' },
    });
  });

  it('score_recorded feeds the manual KPI at once: current score, trend and review.changed for compute', async () => {
    const res = await h.call('POST', '/journal/s1/entries', m1, {
      entry_type: 'score_recorded',
      title: 'Care audit',
      kpi_id: 'k-care',
      score_after: 62,
      period_id: 'p-1',
    });
    expect(res.body.pending_approval).toBe(false);
    const care = (await kpis('s1')).find((k) => k.kpi_id === 'k-care');
    expect(care).toMatchObject({ current_score: 62, previous_score: null });
    await h.waitFor(
      () =>
        h
          .received('scorecard.review.changed.v1')
          .some(
            (m) =>
              m.value.change === ReviewChanged_Change.JOURNAL_RECORDED &&
              m.value.journal?.entryType === 'score_recorded' &&
              m.value.journal.scoreAfter === 62 &&
              m.value.journal.kpiId === 'k-care',
          ),
      { message: 'score_recorded event' },
    );
  });

  it('effort ratings update the effort score and reach compute', async () => {
    await h.call('POST', '/journal/s1/entries', m1, {
      entry_type: 'effort_rating',
      title: 'Effort',
      kpi_id: 'k-care',
      effort_rating: 4,
      period_id: 'p-1',
    });
    expect((await kpis('s1')).find((k) => k.kpi_id === 'k-care')?.current_effort_score).toBe(75);
    await h.waitFor(
      () =>
        h
          .received('scorecard.review.changed.v1')
          .some((m) => m.value.journal?.entryType === 'effort_rating' && m.value.journal.effortRating === 4),
      { message: 'effort event' },
    );
  });

  it('a pending score adjustment is hidden and does not count until approved; no self-approval', async () => {
    const res = await h.call('POST', '/journal/s1/entries', m1, {
      entry_type: 'score_adjustment',
      title: 'Audit re-marked',
      kpi_id: 'k-care',
      score_after: 80,
      period_id: 'p-2',
    });
    expect(res.body.pending_approval).toBe(true);
    pendingId = res.body.id;
    expect((await kpis('s1')).find((k) => k.kpi_id === 'k-care')?.current_score).toBe(62);
    expect(
      (await h.call('GET', '/journal/s1/entries', s1)).body.items.map((e: { id: string }) => e.id),
    ).not.toContain(pendingId);
    expect(
      h.received('scorecard.review.changed.v1').some((m) => m.value.journal?.entryId === pendingId),
    ).toBe(false);
    expect(await journalTypes('s1')).toContain('approval_requested:k-care');
    // The author's manager (m2) is the approver: m1 wrote it.
    const queue = (await h.call('GET', '/review/exceptions?type=pending_approval', m2)).body.items;
    expect(queue).toEqual([
      expect.objectContaining({ entry_id: pendingId, approver_id: 'm2', escalated: false }),
    ]);
    const self = await h.call('POST', `/journal/entries/${pendingId}/decision`, m1, {
      decision: 'approved',
      reason: 'mine',
    });
    expect(self.status).toBe(403);
    expect(
      (
        await h.call('POST', `/journal/entries/${pendingId}/decision`, s1, {
          decision: 'approved',
          reason: 'yes',
        })
      ).status,
    ).toBe(403);
    await h.waitFor(
      () =>
        h
          .received('scorecard.notification.v1')
          .some((m) => m.key === 'm2' && m.value.kind === 'approval_requested'),
      { message: 'approval notification' },
    );
  });

  it('approval makes it count and visible, and tells compute', async () => {
    const ok = await h.call('POST', `/journal/entries/${pendingId}/decision`, m2, {
      decision: 'approved',
      reason: 'Checked the audit',
    });
    expect(ok.status).toBe(201);
    expect(
      (
        await h.call('POST', `/journal/entries/${pendingId}/decision`, m2, {
          decision: 'rejected',
          reason: 'again',
        })
      ).status,
    ).toBe(409);
    const care = (await kpis('s1')).find((k) => k.kpi_id === 'k-care');
    expect(care).toMatchObject({ current_score: 80, previous_score: 62, score_trend: 'up' });
    expect(
      (await h.call('GET', '/journal/s1/entries', s1)).body.items.map((e: { id: string }) => e.id),
    ).toContain(pendingId);
    await h.waitFor(
      () =>
        h
          .received('scorecard.review.changed.v1')
          .some((m) => m.value.journal?.entryId === pendingId && m.value.journal.approvedBy === 'm2'),
      { message: 'approved adjustment event' },
    );
  });

  it('a pending entry over 7 days escalates to the next manager up', async () => {
    await employee(h, 'm3');
    await employee(h, 'm2', { manager: 'm3' });
    await h.waitFor(
      async () =>
        (await h.sql(`SELECT 1 FROM manager_closure WHERE manager_id = 'm3' AND employee_id = 's1'`))
          .length === 1,
      { message: 'm3 above s1' },
    );
    const res = await h.call('POST', '/journal/s1/entries', mx, {
      entry_type: 'feedback_received',
      title: 'Helped my team',
    });
    expect(res.body.pending_approval).toBe(true); // written from outside the reporting line
    const id = res.body.id;
    h.advanceDays(8);
    const queue = (await h.call('GET', '/review/exceptions?type=pending_approval', hr)).body.items;
    expect(queue).toEqual([
      expect.objectContaining({ entry_id: id, approver_id: 'm2', escalated: true, level: 1 }),
    ]);
    expect(
      (await h.call('POST', `/journal/entries/${id}/decision`, m1, { decision: 'approved', reason: 'late' }))
        .status,
    ).toBe(403);
    expect(
      (
        await h.call('POST', `/journal/entries/${id}/decision`, m2, {
          decision: 'rejected',
          reason: 'Not relevant',
        })
      ).status,
    ).toBe(201);
    expect(
      (await h.call('GET', '/journal/s1/entries', s1)).body.items.map((e: { id: string }) => e.id),
    ).not.toContain(id);
  });
});

describe('employee views and exit', () => {
  it('me/scorecards shows growth labels, evidence and trend, never mechanics', async () => {
    await computed(
      h,
      's1',
      { id: 'p-1', start: '2025-01-01T00:00:00.000Z', end: '2025-02-01T00:00:00.000Z' },
      [{ id: 'k-care', slug: 'care', score: 40 }],
      40,
    );
    await computed(
      h,
      's1',
      { id: 'p-2', start: '2025-02-01T00:00:00.000Z', end: '2025-03-01T00:00:00.000Z' },
      [{ id: 'k-care', slug: 'care', score: 75 }],
      75,
    );
    await h.waitFor(
      async () => (await h.sql(`SELECT 1 FROM scorecards WHERE employee_id = 's1'`)).length === 2,
      { message: 'two scorecards' },
    );
    const res = await h.call('GET', '/me/scorecards/p-2', s1);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'provisional',
      total_score: 75,
      trend: { direction: 'up', change: 35, previous_period_id: 'p-1' },
    });
    expect(res.body.areas[0].kpis[0]).toMatchObject({
      kpi_id: 'k-care',
      label: 'exceeding',
      evidence_count: 3,
    });
    expect(res.body.areas[0].kpis[0].summary).toContain('exceeding');
    const text = JSON.stringify(res.body);
    for (const word of ['"raw"', '"weight"', 'rating_band', 'Below', 'override', '"cap"'])
      expect(text).not.toContain(word);
    expect(JSON.stringify(res.body.journal)).not.toContain('Private note');
    const growing = (await h.call('GET', '/me/scorecards/p-1', s1)).body.areas[0].kpis[0];
    expect(growing.label).toBe('growing');
    expect(growing.summary).not.toMatch(/below|fail/i);
    expect(
      (await h.call('GET', '/me/dashboard', s1)).body.kpis.find(
        (k: { kpi_id: string }) => k.kpi_id === 'k-care',
      ),
    ).toMatchObject({ label: 'exceeding' });
    expect((await h.call('GET', '/me/dashboard', hr)).status).toBe(403);
  });

  it('exit → every KPI deactivated, history kept', async () => {
    await employee(h, 's1', { manager: 'm1', status: 'exited', exitedAt: '2025-06-30T00:00:00Z' });
    await h.waitFor(async () => (await active('s1')).length === 0, { message: 'exit deactivation' });
    expect((await kpis('s1')).length).toBe(4);
    expect((await h.call('GET', '/hr/staff/s1/kpis?status=all', hr)).body.items).toHaveLength(4);
  });
});
