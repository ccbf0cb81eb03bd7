import type { EntityManager } from 'typeorm';
import { copyRows } from '@scorecard/db';
import { jsonNumberOrNull } from '@scorecard/scoring';
import type { PersonScore } from '../../domain/score-employee';

export interface ResultToWrite {
  employeeId: string;
  score: PersonScore;
  inputsHash: string;
}

/**
 * Each person's stored inputs hash in the period. With `lock`, the result rows stay locked until
 * the transaction ends, so no other writer can replace them between this check and the caller's
 * write (rows taken in id order, so concurrent lockers wait instead of deadlocking).
 */
export async function storedHashes(
  em: EntityManager,
  tenantId: string,
  periodId: string,
  employeeIds: readonly string[],
  { lock = false }: { lock?: boolean } = {},
): Promise<Map<string, string>> {
  const rows = await em.query<{ employee_id: string; inputs_hash: string }[]>(
    `SELECT employee_id, inputs_hash FROM performance_results WHERE tenant_id = $1 AND period_id = $2 AND employee_id = ANY($3::text[])` +
      (lock ? ` ORDER BY employee_id FOR UPDATE` : ''),
    [tenantId, periodId, employeeIds],
  );
  return new Map(rows.map((r) => [r.employee_id, r.inputs_hash]));
}

export async function pinnedTemplates(
  em: EntityManager,
  tenantId: string,
  periodId: string,
  employeeIds: readonly string[],
): Promise<Map<string, { id: string; version: number }>> {
  const rows = await em.query<{ employee_id: string; template_id: string; template_version: number }[]>(
    `SELECT employee_id, template_id, template_version FROM scorecard_instances WHERE tenant_id = $1 AND period_id = $2 AND employee_id = ANY($3::text[])`,
    [tenantId, periodId, employeeIds],
  );
  return new Map(rows.map((r) => [r.employee_id, { id: r.template_id, version: r.template_version }]));
}

/** Pins each person's template version for the period on first computation (never re-pinned). */
export async function pinTemplates(
  em: EntityManager,
  tenantId: string,
  periodId: string,
  pins: readonly { employeeId: string; id: string; version: number }[],
): Promise<void> {
  if (pins.length === 0) return;
  await em.query(
    `INSERT INTO scorecard_instances (tenant_id, period_id, employee_id, template_id, template_version)
     SELECT $1, $2, * FROM unnest($3::text[], $4::text[], $5::int[]) ON CONFLICT DO NOTHING`,
    [tenantId, periodId, pins.map((p) => p.employeeId), pins.map((p) => p.id), pins.map((p) => p.version)],
  );
}

/**
 * Replaces the provisional results of the given people in one period: the header row is upserted
 * first (its row lock serializes concurrent writers of the same person), then the KRA and KPI rows
 * are replaced. The caller's transaction makes it atomic; rows of a finalized period are refused
 * by the database.
 */
export async function replaceResults(
  em: EntityManager,
  tenantId: string,
  periodId: string,
  runId: string | null,
  computedAt: string,
  results: readonly ResultToWrite[],
): Promise<void> {
  if (results.length === 0) return;
  const ids = results.map((r) => r.employeeId);
  await em.query(
    `INSERT INTO performance_results AS p (tenant_id, period_id, employee_id, template_id, template_version, total_score, computed_total, rating_band, explanation, inputs_hash, run_id, computed_at, unscored_reason, staff_kpis)
     SELECT $1, $2, x.employee_id, x.template_id, x.template_version, x.total_score, x.computed_total, x.rating_band, x.explanation, x.inputs_hash, $3, $4, x.unscored_reason, x.staff_kpis
     FROM jsonb_to_recordset($5::jsonb) AS x(employee_id text, template_id text, template_version int, total_score float8, computed_total float8, rating_band text, explanation jsonb, inputs_hash text, unscored_reason text, staff_kpis jsonb)
     ON CONFLICT (tenant_id, period_id, employee_id) DO UPDATE SET
       template_id = EXCLUDED.template_id, template_version = EXCLUDED.template_version, total_score = EXCLUDED.total_score,
       unscored_reason = EXCLUDED.unscored_reason, staff_kpis = EXCLUDED.staff_kpis,
       computed_total = EXCLUDED.computed_total, rating_band = EXCLUDED.rating_band, explanation = EXCLUDED.explanation,
       inputs_hash = EXCLUDED.inputs_hash, run_id = EXCLUDED.run_id, computed_at = EXCLUDED.computed_at`,
    [
      tenantId,
      periodId,
      runId,
      computedAt,
      JSON.stringify(
        results.map((r) => ({
          employee_id: r.employeeId,
          template_id: r.score.template?.id ?? null,
          template_version: r.score.template?.version ?? null,
          unscored_reason: r.score.unscored_reason,
          staff_kpis: r.score.staff_kpis,
          total_score: r.score.total_score,
          computed_total: r.score.computed_total,
          rating_band: r.score.rating_band,
          explanation: r.score.explanation,
          inputs_hash: r.inputsHash,
        })),
      ),
    ],
  );
  await em.query(
    `DELETE FROM kra_results WHERE tenant_id = $1 AND period_id = $2 AND employee_id = ANY($3::text[])`,
    [tenantId, periodId, ids],
  );
  await em.query(
    `DELETE FROM kpi_results WHERE tenant_id = $1 AND period_id = $2 AND employee_id = ANY($3::text[])`,
    [tenantId, periodId, ids],
  );
  await em.query(
    `INSERT INTO kra_results (tenant_id, period_id, employee_id, kra_id, position, name, score, weight, explanation)
     SELECT $1, $2, x.* FROM jsonb_to_recordset($3::jsonb) AS x(employee_id text, kra_id text, position int, name text, score float8, weight float8, explanation jsonb)`,
    [
      tenantId,
      periodId,
      JSON.stringify(results.flatMap((r) => r.score.kras.map((k) => ({ employee_id: r.employeeId, ...k })))),
    ],
  );
  // KPI rows are the bulk of a chunk (about 20 per person, each with an explanation): they are
  // COPYed into a transaction-local stage, then inserted with their evidence. Evidence kept in
  // Postgres by a full run (evidence_ref) is joined in from evidence_scratch; a ref without its
  // scratch row leaves evidence_ids NULL, which the NOT NULL column refuses.
  await em.query(
    `CREATE TEMP TABLE kpi_stage (employee_id text, kra_id text, kpi_id text, position int, slug text, status text,
       actual_value float8, target_value float8, raw float8, score float8, weight float8, weighted_score float8, label text,
       override jsonb, evidence_ids jsonb, evidence_ref text, evidence_count int, explanation jsonb) ON COMMIT DROP`,
  );
  await copyRows(
    em,
    'kpi_stage',
    KPI_STAGE_COLUMNS,
    results.flatMap((r) =>
      r.score.kpis.map((k) => [
        r.employeeId,
        k.kra_id,
        k.kpi_id,
        k.position,
        k.slug,
        k.status,
        k.actual_value,
        k.target_value,
        jsonNumberOrNull(k.raw),
        k.score,
        k.weight,
        k.weighted_score,
        k.label,
        k.override,
        k.evidence_ref === null ? k.evidence_ids : null,
        k.evidence_ref,
        k.evidence_count,
        k.explanation,
      ]),
    ),
  );
  await em.query(
    `INSERT INTO kpi_results (tenant_id, period_id, employee_id, kra_id, kpi_id, position, slug, score_status, actual_value, target_value, raw, score, weight, weighted_score, label, override, evidence_ids, evidence_count, explanation)
     SELECT $1, $2, x.employee_id, x.kra_id, x.kpi_id, x.position, x.slug, x.status, x.actual_value, x.target_value, x.raw, x.score, x.weight, x.weighted_score, x.label, x.override,
            CASE WHEN x.evidence_ref IS NULL THEN ARRAY(SELECT jsonb_array_elements_text(x.evidence_ids)) ELSE s.ids END, x.evidence_count, x.explanation
     FROM kpi_stage x LEFT JOIN evidence_scratch s ON s.ref = x.evidence_ref AND s.employee_id = x.employee_id`,
    [tenantId, periodId],
  );
  await em.query(`DROP TABLE kpi_stage`);
}

const KPI_STAGE_COLUMNS = [
  'employee_id',
  'kra_id',
  'kpi_id',
  'position',
  'slug',
  'status',
  'actual_value',
  'target_value',
  'raw',
  'score',
  'weight',
  'weighted_score',
  'label',
  'override',
  'evidence_ids',
  'evidence_ref',
  'evidence_count',
  'explanation',
] as const;

interface PerfRow {
  employee_id: string;
  period_id: string;
  status: string;
  template_id: string | null;
  template_version: number | null;
  unscored_reason: string | null;
  staff_kpis: unknown;
  computed_total: number | null;
  total_score: number | null;
  rating_band: string | null;
}
interface KraRowDb {
  kra_id: string;
  name: string | null;
  score: number | null;
  weight: number;
}
interface KpiRowDb {
  kra_id: string;
  kpi_id: string;
  slug: string;
  actual_value: number | null;
  target_value: number | null;
  raw: number | null;
  score: number | null;
  weight: number;
  weighted_score: number | null;
  score_status: string;
  label: string | null;
  override: unknown;
  evidence_ids: string[];
  evidence_count: number;
  explanation: unknown;
}

/** One person's results in the CONTRACT's shape (`GET /api/v1/performance/results`). */
export async function readResult(em: EntityManager, tenantId: string, periodId: string, employeeId: string) {
  const [perf] = await em.query<PerfRow[]>(
    `SELECT employee_id, period_id, status, template_id, template_version, unscored_reason, staff_kpis, computed_total, total_score, rating_band
     FROM performance_results WHERE tenant_id = $1 AND period_id = $2 AND employee_id = $3`,
    [tenantId, periodId, employeeId],
  );
  if (!perf) return null;
  const kras = await em.query<KraRowDb[]>(
    `SELECT kra_id, name, score, weight FROM kra_results WHERE tenant_id = $1 AND period_id = $2 AND employee_id = $3 ORDER BY position`,
    [tenantId, periodId, employeeId],
  );
  const kpis = await em.query<KpiRowDb[]>(
    `SELECT kra_id, kpi_id, slug, actual_value, target_value, raw, score, weight, weighted_score, score_status, label, override,
            evidence_ids, evidence_count, explanation
     FROM kpi_results WHERE tenant_id = $1 AND period_id = $2 AND employee_id = $3 ORDER BY kra_id, position`,
    [tenantId, periodId, employeeId],
  );
  return {
    employee_id: perf.employee_id,
    period_id: perf.period_id,
    // unscored: nothing on the scorecard could be scored (reason says why); else provisional | final.
    status: perf.unscored_reason === null ? perf.status : 'unscored',
    ...(perf.unscored_reason === null ? {} : { reason: perf.unscored_reason }),
    template: perf.template_id === null ? null : { id: perf.template_id, version: perf.template_version },
    staff_kpis: perf.staff_kpis,
    computed_total: perf.computed_total,
    total_score: perf.total_score,
    rating_band: perf.rating_band,
    kras: kras.map((k) => ({
      kra_id: k.kra_id,
      name: k.name,
      score: k.score,
      weight: k.weight,
      kpis: kpis
        .filter((p) => p.kra_id === k.kra_id)
        .map((p) => ({
          kpi_id: p.kpi_id,
          slug: p.slug,
          actual_value: p.actual_value,
          target_value: p.target_value,
          raw: jsonNumberOrNull(p.raw),
          score: p.score,
          weight: p.weight,
          weighted_score: p.weighted_score,
          status: p.score_status,
          label: p.label,
          ...(p.override ? { override: p.override } : {}),
          evidence_ids: p.evidence_ids,
          evidence_count: p.evidence_count,
          explanation: p.explanation,
        })),
    })),
  };
}

export type ResultView = NonNullable<Awaited<ReturnType<typeof readResult>>>;
