// Review data behind GET /api/v1/me/dashboard for the gateway bench: `people` employees of tenant
// `bench` (plus the same again in tenant `other`, so every query has a tenant to filter out), each
// with 10 KPI assignments (8 active), 12 monthly scorecards with full computed/result documents and
// 40 journal entries; the bench's own employee, emp-ada, has 300 entries (hidden, pending, decided).
// Written straight into review's tables after review migrated them — the events that normally build
// these rows would take minutes to replay and are not what this bench measures.
import { Client } from 'pg';

export const BENCH_TENANT = 'bench';
export const BENCH_EMPLOYEE = 'emp-ada';
const KPIS = 40;

/** What the dashboard of emp-ada must show once seeded (the probe checks it before measuring). */
export const EXPECTED = { kpis: 8, scorecards: 12, journal: 20 };

/** A KRA/KPI document the size compute sends (~3 KB): the dashboard must not pay for reading it. */
function scoreDocument(): string {
  const kpis = Array.from({ length: 8 }, (_, i) => ({
    kpi_id: `kpi-${i}`,
    slug: `kpi-${i}`,
    name: `KPI ${i}`,
    category: 'productivity',
    actual: 9.5,
    target: 10,
    raw: 0.95,
    score: 72.5,
    weight: 1,
    weighted_score: 9.06,
    status: 'scored',
    label: 'meeting',
    evidence_count: 42,
    explanation: { method: 'linear', steps: ['actual 9.5 of target 10', 'linear 0.95', 'score 72.5'] },
    cap: 1,
    target_score: 70,
  }));
  return JSON.stringify({
    total_score: 72.5,
    rating_band: 'meets',
    kras: [0, 1].map((k) => ({ kra_id: `kra-${k}`, name: `KRA ${k}`, score: 72.5, weight: 50, kpis })),
  });
}

async function admin(url: string, sql: string): Promise<void> {
  const a = new URL(url);
  a.pathname = '/postgres';
  const c = new Client({ connectionString: a.toString() });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

/** Drops the bench database, so every run starts from the same data (services create it again). */
export async function dropBenchDatabase(url: string): Promise<void> {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  await admin(url, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
}

export async function seedDashboardData(url: string, people: number): Promise<void> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    await c.query('SET search_path = review');
    await c.query('BEGIN');
    // Employee ids: emp-ada, then emp-0 … emp-(people-2), in both tenants.
    if (!Number.isInteger(people) || people < 1)
      throw new Error(`people must be a positive integer: ${people}`);
    // Employee ids: emp-ada, then emp-0 … emp-(people-2), in both tenants. (No bind parameters in
    // CREATE TABLE AS; `people` is a checked integer.)
    await c.query(`CREATE TEMP TABLE bench_people ON COMMIT DROP AS
      SELECT t.tenant_id, e.staff_id
        FROM unnest(ARRAY['${BENCH_TENANT}', 'other']) AS t(tenant_id)
        CROSS JOIN (SELECT '${BENCH_EMPLOYEE}' AS staff_id
                    UNION ALL SELECT 'emp-' || g FROM generate_series(0, ${people - 2}) AS g) AS e`);
    await c.query(
      `INSERT INTO registry_entities (tenant_id, entity_type, entity_id, version, active, state, changed_at)
       SELECT t.tenant_id, 'kpi', 'kpi-' || k, 1, true,
              jsonb_build_object('slug', 'kpi-' || k, 'name', 'KPI ' || k, 'category', 'productivity',
                'direction', 'higher_is_better', 'target', 10, 'scoring_method', 'linear', 'weight_default', 1,
                'target_score', 70, 'minimum_score', 50, 'evaluation_frequency', 'monthly',
                'coaching_tips', jsonb_build_array('Practise with a buddy', 'Review last month''s misses'),
                'role_groups', jsonb_build_array('support')),
              now()
         FROM unnest(ARRAY[$1, 'other']) AS t(tenant_id), generate_series(0, $2::int - 1) AS k
       ON CONFLICT DO NOTHING`,
      [BENCH_TENANT, KPIS],
    );
    // Ten KPIs a person, spread over the catalogue; the last two deactivated.
    await c.query(
      `INSERT INTO staff_kpis (id, tenant_id, staff_id, kpi_id, source, role_group, status, weight, is_required,
          current_score, previous_score, current_effort_score, score_trend, trend_percentage, current_period_id,
          last_evaluated_at, next_evaluation_due, assigned_at, deactivated_at)
       SELECT gen_random_uuid(), p.tenant_id, p.staff_id, 'kpi-' || ((abs(hashtext(p.staff_id)) + i * 3) % $1),
              'template', 'support', CASE WHEN i < 8 THEN 'active' ELSE 'inactive' END, 1, i < 4,
              40 + (abs(hashtext(p.staff_id || i)) % 50), 60, 3.5, 'up', 4.2, 'monthly:2024-12',
              '2025-01-02', '2025-02-01', '2024-01-01'::timestamptz + i * interval '1 day',
              CASE WHEN i < 8 THEN NULL ELSE '2024-06-01'::timestamptz END
         FROM bench_people p, generate_series(0, 9) AS i`,
      [KPIS],
    );
    await c.query(
      `INSERT INTO scorecards (id, tenant_id, employee_id, period_id, period_start, period_end, frequency, template_id,
          template_version, status, computed, computed_total, result, total_score, rating_band, run_id, inputs_hash,
          computed_at, status_changed_by, finalized_by, finalized_at)
       SELECT gen_random_uuid(), p.tenant_id, p.staff_id, 'monthly:' || to_char(s, 'YYYY-MM'), s, s + interval '1 month',
              'monthly', 'tpl-support', 1, CASE WHEN s < '2024-11-01' THEN 'final' ELSE 'in_review' END,
              doc -> 'kras', 72.5, doc, 50 + (abs(hashtext(p.staff_id || s::text)) % 40), 'meets', 'run-1',
              md5(p.staff_id || s::text), s + interval '1 month 1 day', 'hr-1',
              CASE WHEN s < '2024-11-01' THEN 'hr-1' END, CASE WHEN s < '2024-11-01' THEN s + interval '40 days' END
         FROM bench_people p, generate_series('2024-01-01'::timestamptz, '2024-12-01', interval '1 month') AS s,
              (SELECT $1::jsonb AS doc) AS d`,
      [scoreDocument()],
    );
    // Journal: mostly visible observations; every 5th hidden (a manager's private note), every 7th a
    // score adjustment pending approval, half of which were then decided.
    await c.query(
      `INSERT INTO journal_entries (id, tenant_id, staff_id, kpi_id, period_id, entry_type, title, content,
          score_before, score_after, effort_recognized, visible_to_staff, pending_approval, author_id, created_at)
       SELECT gen_random_uuid(), p.tenant_id, p.staff_id, 'kpi-' || (n % $1), 'monthly:2024-' || lpad((1 + n % 12)::text, 2, '0'),
              CASE WHEN n % 7 = 0 THEN 'score_adjustment' ELSE 'observation' END,
              'Entry ' || n, repeat('Observed handling of a tricky ticket; good follow-up. ', 4),
              CASE WHEN n % 7 = 0 THEN 60 END, CASE WHEN n % 7 = 0 THEN 70 END, n % 3 = 0,
              n % 5 <> 0, n % 7 = 0, 'mgr-1', '2024-01-01'::timestamptz + n * interval '1 hour'
         FROM bench_people p, generate_series(0, CASE WHEN p.staff_id = $2 THEN 299 ELSE 39 END) AS n`,
      [KPIS, BENCH_EMPLOYEE],
    );
    await c.query(
      `INSERT INTO journal_entries (id, tenant_id, staff_id, entry_type, title, visible_to_staff, linked_entry_id,
          decision, author_id, created_at)
       SELECT gen_random_uuid(), j.tenant_id, j.staff_id, 'approval_decision', 'Decision', false, j.id,
              CASE WHEN row_number() OVER (ORDER BY j.id) % 3 = 0 THEN 'rejected' ELSE 'approved' END, 'hr-1',
              j.created_at + interval '10 minutes'
         FROM journal_entries j WHERE j.pending_approval AND extract(day FROM j.created_at)::int % 2 = 0`,
    );
    await c.query('COMMIT');
    await c.query('ANALYZE');
  } finally {
    await c.end();
  }
}
