import type { ClickHouseClient } from '@scorecard/clickhouse';
import type { z } from 'zod';
import { MIN_GROUP_SIZE } from '../../domain/access';
import type { anomalyParams, distributionParams, heatmapParams, leaderboardParams } from '@scorecard/api';
import { isoTime } from './ch-time';
import { orgUnitNames, personNames } from './names-store';

type Params = Record<string, unknown>;

async function rows<T>(ch: ClickHouseClient, query: string, query_params: Params): Promise<T[]> {
  const rs = await ch.query({ query, query_params, format: 'JSONEachRow' });
  return rs.json<T>();
}

/** A people filter: everyone in the tenant, or an explicit set (a manager's reporting line). */
export type PeopleFilter = { kind: 'all' } | { kind: 'only'; ids: readonly string[] };

const peopleClause = (f: PeopleFilter, column: string) =>
  f.kind === 'all' ? '' : ` AND ${column} IN {only:Array(String)}`;
const peopleParam = (f: PeopleFilter): Params => (f.kind === 'all' ? {} : { only: [...f.ids] });

export interface HeatmapCell {
  row: string;
  /** The department's name from HR (null when HR never named it, and for role groups). */
  row_name: string | null;
  col: string;
  avg_score: number;
  people: number;
}

/**
 * Group × column averages from the materialized aggregates. Cells of groups smaller than
 * MIN_GROUP_SIZE are withheld and counted, never shown.
 */
export async function heatmap(
  ch: ClickHouseClient,
  tenantId: string,
  p: z.output<typeof heatmapParams>,
): Promise<{ cells: HeatmapCell[]; hidden_cells: number }> {
  const colKind = p.cols === 'period' ? 'overall' : p.cols;
  const colExpr = p.cols === 'period' ? 'period_id' : 'col_id';
  const range = `${p.period_from ? ' AND period_start >= {from:Date}' : ''}${p.period_to ? ' AND period_start < {to:Date}' : ''}`;
  // `group_size`, not `people`: a ClickHouse alias would shadow the column inside sum(people).
  const all = await rows<Omit<HeatmapCell, 'people' | 'row_name'> & { group_size: number }>(
    ch,
    `SELECT group_id AS row, ${colExpr} AS col, sum(score_sum) / sum(people) AS avg_score, toUInt32(max(people)) AS group_size
     FROM group_period_scores FINAL
     WHERE tenant_id = {t:String} AND group_kind = {gk:String} AND col_kind = {ck:String}${range}
     GROUP BY row, col ORDER BY row, col`,
    {
      t: tenantId,
      gk: p.rows,
      ck: colKind,
      ...(p.period_from ? { from: p.period_from } : {}),
      ...(p.period_to ? { to: p.period_to } : {}),
    },
  );
  const shown = all.filter((c) => Number(c.group_size) >= MIN_GROUP_SIZE);
  const names =
    p.rows === 'department'
      ? await orgUnitNames(
          ch,
          tenantId,
          shown.map((c) => c.row),
        )
      : new Map<string, string>();
  const cells = shown.map(({ group_size, ...c }) => ({
    ...c,
    row_name: names.get(c.row) ?? null,
    people: Number(group_size),
  }));
  return { cells, hidden_cells: all.length - cells.length };
}

export interface TrendPoint {
  period_id: string;
  period_start: string;
  score: number | null;
  actual?: number | null;
  status?: string;
  rating_band?: string;
  people?: number;
}

export async function employeeTrend(
  ch: ClickHouseClient,
  tenantId: string,
  employeeId: string,
  kpiId?: string,
): Promise<TrendPoint[]> {
  const points = kpiId
    ? await rows<TrendPoint>(
        ch,
        `SELECT period_id, toString(period_start) AS period_start, score, actual
         FROM person_period_kpis FINAL
         WHERE tenant_id = {t:String} AND employee_id = {e:String} AND kpi_id = {k:String}
         ORDER BY period_start`,
        { t: tenantId, e: employeeId, k: kpiId },
      )
    : await rows<TrendPoint>(
        ch,
        `SELECT period_id, toString(period_start) AS period_start, total_score AS score, status, rating_band
         FROM person_period_scores FINAL
         WHERE tenant_id = {t:String} AND employee_id = {e:String}
         ORDER BY period_start`,
        { t: tenantId, e: employeeId },
      );
  return points.map((pt) => ({ ...pt, period_start: isoTime(pt.period_start) }));
}

/** A department's average over time; periods where it had fewer than MIN_GROUP_SIZE people are withheld. */
export async function departmentTrend(
  ch: ClickHouseClient,
  tenantId: string,
  departmentId: string,
  kpiId?: string,
): Promise<TrendPoint[]> {
  const points = await rows<TrendPoint & { group_size: number }>(
    ch,
    `SELECT period_id, toString(any(period_start)) AS period_start, sum(score_sum) / sum(people) AS score, toUInt32(max(people)) AS group_size
     FROM group_period_scores FINAL
     WHERE tenant_id = {t:String} AND group_kind = 'department' AND group_id = {d:String}
       AND col_kind = {ck:String} AND col_id = {c:String}
     GROUP BY period_id ORDER BY period_start`,
    { t: tenantId, d: departmentId, ck: kpiId ? 'kpi' : 'overall', c: kpiId ?? '' },
  );
  return points
    .filter((pt) => Number(pt.group_size) >= MIN_GROUP_SIZE)
    .map(({ group_size, ...pt }) => ({
      ...pt,
      people: Number(group_size),
      period_start: isoTime(pt.period_start),
    }));
}

export interface LeaderboardEntry {
  rank: number;
  employee_id: string;
  name: string;
  department_id: string;
  department_name: string | null;
  score: number;
}

export async function leaderboard(
  ch: ClickHouseClient,
  tenantId: string,
  p: z.output<typeof leaderboardParams>,
  people: PeopleFilter,
): Promise<{ entries: LeaderboardEntry[]; hidden: boolean }> {
  const source = p.kpi_id
    ? `SELECT employee_id, score FROM person_period_kpis FINAL WHERE tenant_id = {t:String} AND period_id = {p:String} AND kpi_id = {k:String} AND score IS NOT NULL`
    : `SELECT employee_id, total_score AS score FROM person_period_scores FINAL WHERE tenant_id = {t:String} AND period_id = {p:String} AND total_score IS NOT NULL`;
  const ranked = await rows<Omit<LeaderboardEntry, 'rank' | 'department_name'> & { cohort: string }>(
    ch,
    `SELECT s.employee_id AS employee_id, p.name AS name, p.department_id AS department_id, s.score AS score, count() OVER () AS cohort
     FROM (${source}) AS s
     LEFT JOIN (SELECT employee_id, name, department_id FROM people FINAL WHERE tenant_id = {t:String}) AS p ON p.employee_id = s.employee_id
     WHERE 1 = 1${p.department_id ? ' AND p.department_id = {d:String}' : ''}${peopleClause(people, 's.employee_id')}
     ORDER BY score DESC, employee_id
     LIMIT {limit:UInt32}`,
    {
      t: tenantId,
      p: p.period_id,
      limit: p.limit,
      ...(p.kpi_id ? { k: p.kpi_id } : {}),
      ...(p.department_id ? { d: p.department_id } : {}),
      ...peopleParam(people),
    },
  );
  const cohort = Number(ranked[0]?.cohort ?? 0);
  if (cohort < MIN_GROUP_SIZE) return { entries: [], hidden: cohort > 0 };
  const departments = await orgUnitNames(
    ch,
    tenantId,
    ranked.map((e) => e.department_id),
  );
  return {
    entries: ranked.map(({ cohort: _c, ...e }, i) => ({
      ...e,
      department_name: departments.get(e.department_id) ?? null,
      rank: i + 1,
    })),
    hidden: false,
  };
}

export interface Distribution {
  people: number;
  hidden: boolean;
  rating_bands: { rating_band: string; people: number }[];
  histogram: { from: number; to: number; people: number }[];
}

/** Rating-band counts and a 10-point histogram of total scores for a period. */
export async function distribution(
  ch: ClickHouseClient,
  tenantId: string,
  p: z.output<typeof distributionParams>,
): Promise<Distribution> {
  const scope = `FROM person_period_scores AS s FINAL
     ${p.department_id ? 'INNER JOIN (SELECT employee_id FROM people FINAL WHERE tenant_id = {t:String} AND department_id = {d:String}) AS p ON p.employee_id = s.employee_id' : ''}
     WHERE s.tenant_id = {t:String} AND s.period_id = {p:String} AND s.total_score IS NOT NULL`;
  const params = { t: tenantId, p: p.period_id, ...(p.department_id ? { d: p.department_id } : {}) };
  const bands = await rows<{ rating_band: string; people: string }>(
    ch,
    `SELECT s.rating_band AS rating_band, count() AS people ${scope} GROUP BY rating_band ORDER BY rating_band`,
    params,
  );
  const buckets = await rows<{ bucket: number; people: string }>(
    ch,
    `SELECT least(toUInt32(floor(s.total_score / 10)), 10) AS bucket, count() AS people ${scope} GROUP BY bucket ORDER BY bucket`,
    params,
  );
  const total = bands.reduce((n, b) => n + Number(b.people), 0);
  if (total < MIN_GROUP_SIZE) return { people: total, hidden: total > 0, rating_bands: [], histogram: [] };
  return {
    people: total,
    hidden: false,
    rating_bands: bands.map((b) => ({ rating_band: b.rating_band, people: Number(b.people) })),
    histogram: buckets.map((b) => ({
      from: b.bucket * 10,
      to: b.bucket * 10 + 10,
      people: Number(b.people),
    })),
  };
}

export interface BonusRow {
  employee_id: string;
  /** The person's name from HR (JSON only: the CSV keeps payroll's columns). */
  name: string | null;
  period_id: string;
  eligible: boolean;
  factor: number;
  total_score: number | null;
  rating_band: string;
  failed_gates: string[];
  policy_id: string;
  policy_version: number;
  decided_at: string;
}

export async function bonusEligibility(
  ch: ClickHouseClient,
  tenantId: string,
  periodId: string,
): Promise<BonusRow[]> {
  const out = await rows<Omit<BonusRow, 'name'>>(
    ch,
    `SELECT employee_id, period_id, eligible, factor, total_score, rating_band, failed_gates, policy_id, policy_version, toString(decided_at) AS decided_at
     FROM bonus_decisions FINAL WHERE tenant_id = {t:String} AND period_id = {p:String} ORDER BY employee_id`,
    { t: tenantId, p: periodId },
  );
  const names = await personNames(
    ch,
    tenantId,
    out.map((r) => r.employee_id),
  );
  return out.map((r) => ({
    ...r,
    name: names.get(r.employee_id) ?? null,
    decided_at: isoTime(r.decided_at),
  }));
}

export interface Anomaly {
  employee_id: string;
  kpi_id: string;
  actual: number;
  mean: number;
  stddev: number;
  z_score: number;
  history: number;
}

/**
 * KPI actuals far from the person's own history: |z| ≥ threshold against their earlier periods
 * (at least 3 of them, with some spread). A flag for a conversation, not a verdict.
 */
export async function anomalies(
  ch: ClickHouseClient,
  tenantId: string,
  p: z.output<typeof anomalyParams>,
  people: PeopleFilter,
): Promise<Anomaly[]> {
  const out = await rows<Anomaly>(
    ch,
    `WITH (SELECT min(period_start) FROM person_period_kpis WHERE tenant_id = {t:String} AND period_id = {p:String}) AS cur_start
     SELECT c.employee_id AS employee_id, c.kpi_id AS kpi_id, c.actual AS actual, h.mean AS mean, h.sd AS stddev,
            (c.actual - h.mean) / h.sd AS z_score, toUInt32(h.n) AS history
     FROM (SELECT employee_id, kpi_id, assumeNotNull(actual) AS actual FROM person_period_kpis FINAL
           WHERE tenant_id = {t:String} AND period_id = {p:String} AND actual IS NOT NULL${peopleClause(people, 'employee_id')}) AS c
     INNER JOIN (SELECT employee_id, kpi_id, avg(actual) AS mean, stddevSamp(actual) AS sd, count() AS n
                 FROM person_period_kpis FINAL
                 WHERE tenant_id = {t:String} AND period_start < cur_start AND actual IS NOT NULL${peopleClause(people, 'employee_id')}
                 GROUP BY employee_id, kpi_id HAVING n >= 3 AND sd > 0) AS h
       ON h.employee_id = c.employee_id AND h.kpi_id = c.kpi_id
     WHERE abs((c.actual - h.mean) / h.sd) >= {z:Float64}
     ORDER BY abs(z_score) DESC, employee_id, kpi_id`,
    { t: tenantId, p: p.period_id, z: p.threshold, ...peopleParam(people) },
  );
  return out.map((a) => ({ ...a, history: Number(a.history) }));
}
