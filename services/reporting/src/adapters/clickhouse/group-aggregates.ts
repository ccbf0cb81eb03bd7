import type { ClickHouseClient } from '@scorecard/clickhouse';

/** The person table and key column behind each aggregate column kind. */
const SOURCES = {
  kpi: { table: 'person_period_kpis', col: 's.kpi_id', score: 's.score' },
  kra: { table: 'person_period_kras', col: 's.kra_id', score: 's.score' },
  overall: { table: 'person_period_scores', col: "''", score: 's.total_score' },
} as const;

let lastVersion = 0;

/**
 * Rebuilds the group aggregates of the given periods from the FINAL person tables: every group
 * (department and role group at once, through ARRAY JOIN) × column × period. The new rows go in
 * under a higher version first and the period's older rows are deleted after, so a reader
 * meanwhile sees the old aggregates or (FINAL keeps the highest version) the new ones, never a
 * period without them; a person who changed department stops counting in the old one once the
 * older rows are gone.
 */
export async function refreshGroupAggregates(
  ch: ClickHouseClient,
  tenantId: string,
  periodIds: readonly string[],
): Promise<void> {
  if (periodIds.length === 0) return;
  // Strictly increasing within the process, so two refreshes in one millisecond stay ordered.
  lastVersion = Math.max(Date.now(), lastVersion + 1);
  const params = { t: tenantId, ps: [...periodIds], v: lastVersion };
  for (const [colKind, src] of Object.entries(SOURCES)) {
    await ch.command({
      query: `INSERT INTO group_period_scores
        SELECT s.tenant_id, g.1, g.2, '${colKind}', ${src.col}, s.period_id, any(s.period_start),
               uniqExact(s.employee_id), sum(${src.score}), {v:UInt64}
        FROM ${src.table} AS s FINAL
        INNER JOIN (SELECT employee_id, department_id, role_group FROM people FINAL WHERE tenant_id = {t:String}) AS p
          ON p.employee_id = s.employee_id
        ARRAY JOIN [('department', p.department_id), ('role_group', p.role_group)] AS g
        WHERE s.tenant_id = {t:String} AND s.period_id IN {ps:Array(String)} AND ${src.score} IS NOT NULL AND g.2 != ''
        GROUP BY s.tenant_id, g.1, g.2, ${src.col}, s.period_id`,
      query_params: params,
    });
  }
  await ch.command({
    query: `DELETE FROM group_period_scores
            WHERE tenant_id = {t:String} AND period_id IN {ps:Array(String)} AND version < {v:UInt64}`,
    query_params: params,
  });
}
