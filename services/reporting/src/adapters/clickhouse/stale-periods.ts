import type { ClickHouseClient } from '@scorecard/clickhouse';

/**
 * Periods whose person scores are newer than their aggregates: after a crash between writing
 * scores and the debounced rebuild, start-up catches these up.
 */
export async function stalePeriods(
  ch: ClickHouseClient,
): Promise<{ tenant_id: string; period_id: string }[]> {
  const rs = await ch.query({
    query: `SELECT s.tenant_id AS tenant_id, s.period_id AS period_id
            FROM (SELECT tenant_id, period_id, max(version) AS v FROM person_period_scores GROUP BY tenant_id, period_id) AS s
            LEFT JOIN (SELECT tenant_id, period_id, max(version) AS v FROM group_period_scores GROUP BY tenant_id, period_id) AS g
              ON g.tenant_id = s.tenant_id AND g.period_id = s.period_id
            WHERE g.v < s.v`,
    format: 'JSONEachRow',
  });
  return rs.json();
}

/** Periods in which the given people have scores (their department or role group changed). */
export async function periodsOf(
  ch: ClickHouseClient,
  tenantId: string,
  employeeIds: readonly string[],
): Promise<string[]> {
  const rs = await ch.query({
    query: `SELECT DISTINCT period_id FROM person_period_scores WHERE tenant_id = {t:String} AND employee_id IN {e:Array(String)}`,
    query_params: { t: tenantId, e: [...employeeIds] },
    format: 'JSONEachRow',
  });
  return (await rs.json<{ period_id: string }>()).map((r) => r.period_id);
}
