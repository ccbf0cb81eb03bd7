import type { EntityManager } from 'typeorm';
import type { EffectiveOverride } from '../../domain/rescore';
import type { SnapshotKra } from '../../domain/scorecard-snapshot';
import type { ScorecardStatus } from '../../domain/workflow';
import type { ScorecardResult } from '@scorecard/scoring';
import { returnedRows } from './returning';

export interface ScorecardRow {
  id: string;
  tenant_id: string;
  employee_id: string;
  period_id: string;
  period_start: Date;
  period_end: Date;
  frequency: string;
  /** Null when no template resolved: the scorecard was built from the person's staff KPIs. */
  template_id: string | null;
  template_version: number | null;
  status: ScorecardStatus;
  computed: SnapshotKra[];
  computed_total: number | null;
  result: ScorecardResult;
  total_score: number | null;
  rating_band: string | null;
  run_id: string | null;
  inputs_hash: string | null;
  computed_at: Date;
  status_changed_by: string | null;
  status_changed_at: Date;
  finalized_by: string | null;
  finalized_at: Date | null;
}

const COLUMNS = `id, tenant_id, employee_id, period_id, period_start, period_end, frequency, template_id,
  template_version, status, computed, computed_total, result, total_score, rating_band, run_id, inputs_hash,
  computed_at, status_changed_by, status_changed_at, finalized_by, finalized_at`;

export async function findScorecard(
  em: EntityManager,
  tenantId: string,
  id: string,
  opts: { forUpdate?: boolean } = {},
): Promise<ScorecardRow | null> {
  const rows = await em.query<ScorecardRow[]>(
    `SELECT ${COLUMNS} FROM scorecards WHERE tenant_id = $1 AND id = $2${opts.forUpdate === true ? ' FOR UPDATE' : ''}`,
    [tenantId, id],
  );
  return rows[0] ?? null;
}

export async function findScorecardFor(
  em: EntityManager,
  tenantId: string,
  employeeId: string,
  periodId: string,
  opts: { forUpdate?: boolean } = {},
): Promise<ScorecardRow | null> {
  const rows = await em.query<ScorecardRow[]>(
    `SELECT ${COLUMNS} FROM scorecards WHERE tenant_id = $1 AND employee_id = $2 AND period_id = $3${opts.forUpdate === true ? ' FOR UPDATE' : ''}`,
    [tenantId, employeeId, periodId],
  );
  return rows[0] ?? null;
}

export async function listScorecards(
  em: EntityManager,
  q: {
    tenantId: string;
    periodId?: string;
    employeeIds?: readonly string[];
    statuses?: readonly string[];
    limit: number;
  },
): Promise<ScorecardRow[]> {
  return em.query<ScorecardRow[]>(
    `SELECT ${COLUMNS} FROM scorecards
      WHERE tenant_id = $1
        AND ($2::text IS NULL OR period_id = $2)
        AND ($3::text[] IS NULL OR employee_id = ANY($3))
        AND ($4::text[] IS NULL OR status = ANY($4))
      ORDER BY period_start DESC, employee_id LIMIT $5`,
    [q.tenantId, q.periodId ?? null, q.employeeIds ?? null, q.statuses ?? null, q.limit],
  );
}

/** A person's finalized scorecards, oldest period first (trigger history). */
export async function finalHistory(
  em: EntityManager,
  tenantId: string,
  employeeId: string,
): Promise<ScorecardRow[]> {
  return em.query<ScorecardRow[]>(
    `SELECT ${COLUMNS} FROM scorecards WHERE tenant_id = $1 AND employee_id = $2 AND status = 'final'
      ORDER BY period_start`,
    [tenantId, employeeId],
  );
}

export interface NewScorecard {
  id: string;
  tenantId: string;
  employeeId: string;
  period: { id: string; start: string; end: string; frequency: string };
  template: { id: string; version: number } | null;
  computed: SnapshotKra[];
  computedTotal: number | null;
  result: ScorecardResult;
  runId: string;
  inputsHash: string;
  computedAt: string;
}

export async function insertScorecard(em: EntityManager, s: NewScorecard): Promise<void> {
  await em.query(
    `INSERT INTO scorecards (id, tenant_id, employee_id, period_id, period_start, period_end, frequency, template_id,
        template_version, status, computed, computed_total, result, total_score, rating_band, run_id, inputs_hash, computed_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'draft', $10, $11, $12, $13, $14, $15, $16, $17)`,
    [
      s.id,
      s.tenantId,
      s.employeeId,
      s.period.id,
      s.period.start,
      s.period.end,
      s.period.frequency,
      s.template?.id ?? null,
      s.template?.version ?? null,
      JSON.stringify(s.computed),
      s.computedTotal,
      JSON.stringify(s.result),
      s.result.total_score,
      s.result.rating_band,
      s.runId,
      s.inputsHash,
      s.computedAt,
    ],
  );
}

export async function replaceComputed(
  em: EntityManager,
  id: string,
  s: Pick<
    NewScorecard,
    'template' | 'computed' | 'computedTotal' | 'result' | 'runId' | 'inputsHash' | 'computedAt'
  >,
): Promise<void> {
  await em.query(
    `UPDATE scorecards SET template_id = $2, template_version = $3, computed = $4, computed_total = $5, result = $6,
        total_score = $7, rating_band = $8, run_id = $9, inputs_hash = $10, computed_at = $11
      WHERE id = $1`,
    [
      id,
      s.template?.id ?? null,
      s.template?.version ?? null,
      JSON.stringify(s.computed),
      s.computedTotal,
      JSON.stringify(s.result),
      s.result.total_score,
      s.result.rating_band,
      s.runId,
      s.inputsHash,
      s.computedAt,
    ],
  );
}

export async function updateResult(em: EntityManager, id: string, result: ScorecardResult): Promise<void> {
  await em.query(`UPDATE scorecards SET result = $2, total_score = $3, rating_band = $4 WHERE id = $1`, [
    id,
    JSON.stringify(result),
    result.total_score,
    result.rating_band,
  ]);
}

export async function setStatus(
  em: EntityManager,
  id: string,
  status: ScorecardStatus,
  actor: string,
): Promise<void> {
  await em.query(
    `UPDATE scorecards SET status = $2, status_changed_by = $3, status_changed_at = now() WHERE id = $1`,
    [id, status, actor],
  );
}

export async function overridesOf(
  em: EntityManager,
  scorecardId: string,
): Promise<(EffectiveOverride & OverrideMeta)[]> {
  return em.query<(EffectiveOverride & OverrideMeta)[]>(
    `SELECT id, entity_type, entity_id, old_score, new_score, reason, reviewer, created_at FROM overrides
      WHERE scorecard_id = $1 ORDER BY created_at, id`,
    [scorecardId],
  );
}

export interface OverrideMeta {
  id: string;
  old_score: number | null;
  reviewer: string;
  created_at: Date;
}

export async function insertOverride(
  em: EntityManager,
  o: EffectiveOverride & {
    id: string;
    tenantId: string;
    scorecardId: string;
    periodId: string;
    oldScore: number | null;
    reviewer: string;
  },
): Promise<void> {
  await em.query(
    `INSERT INTO overrides (id, tenant_id, scorecard_id, period_id, entity_type, entity_id, old_score, new_score, reason, reviewer)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [
      o.id,
      o.tenantId,
      o.scorecardId,
      o.periodId,
      o.entity_type,
      o.entity_id,
      o.oldScore,
      o.new_score,
      o.reason,
      o.reviewer,
    ],
  );
}

export async function insertNote(
  em: EntityManager,
  n: { id: string; tenantId: string; scorecardId: string; periodId: string; author: string; note: string },
): Promise<void> {
  await em.query(
    `INSERT INTO scorecard_notes (id, tenant_id, scorecard_id, period_id, author, note) VALUES ($1, $2, $3, $4, $5, $6)`,
    [n.id, n.tenantId, n.scorecardId, n.periodId, n.author, n.note],
  );
}

export async function notesOf(
  em: EntityManager,
  scorecardId: string,
): Promise<{ id: string; author: string; note: string; created_at: Date }[]> {
  return em.query(
    `SELECT id, author, note, created_at FROM scorecard_notes WHERE scorecard_id = $1 ORDER BY created_at, id`,
    [scorecardId],
  );
}

export interface DisputeRow {
  id: string;
  scorecard_id: string;
  employee_id?: string;
  period_id: string;
  raised_by: string;
  kind: 'general' | 'wrong_attribution';
  reason: string;
  kpi_id: string | null;
  record: unknown;
  status: 'open' | 'resolved';
  resolution: string | null;
  resolved_by: string | null;
  resolved_at: Date | null;
  created_at: Date;
}

export async function insertDispute(
  em: EntityManager,
  d: {
    id: string;
    tenantId: string;
    scorecardId: string;
    periodId: string;
    raisedBy: string;
    kind: string;
    reason: string;
    kpiId: string | null;
    record: unknown;
  },
): Promise<void> {
  await em.query(
    `INSERT INTO disputes (id, tenant_id, scorecard_id, period_id, raised_by, kind, reason, kpi_id, record, status)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'open')`,
    [
      d.id,
      d.tenantId,
      d.scorecardId,
      d.periodId,
      d.raisedBy,
      d.kind,
      d.reason,
      d.kpiId,
      d.record === null ? null : JSON.stringify(d.record),
    ],
  );
}

export async function resolveDisputes(
  em: EntityManager,
  scorecardId: string,
  by: string,
  resolution: string,
): Promise<number> {
  const result: unknown = await em.query(
    `UPDATE disputes SET status = 'resolved', resolution = $3, resolved_by = $2, resolved_at = now()
      WHERE scorecard_id = $1 AND status = 'open' RETURNING id`,
    [scorecardId, by, resolution],
  );
  return returnedRows(result).length;
}

export async function disputesOf(em: EntityManager, scorecardId: string): Promise<DisputeRow[]> {
  return em.query<DisputeRow[]>(`SELECT * FROM disputes WHERE scorecard_id = $1 ORDER BY created_at`, [
    scorecardId,
  ]);
}

export async function openDisputes(
  em: EntityManager,
  tenantId: string,
  employeeIds: readonly string[] | null,
): Promise<DisputeRow[]> {
  return em.query<DisputeRow[]>(
    `SELECT d.*, s.employee_id FROM disputes d JOIN scorecards s ON s.id = d.scorecard_id
      WHERE d.tenant_id = $1 AND d.status = 'open' AND ($2::text[] IS NULL OR s.employee_id = ANY($2))
      ORDER BY d.created_at`,
    [tenantId, employeeIds],
  );
}
