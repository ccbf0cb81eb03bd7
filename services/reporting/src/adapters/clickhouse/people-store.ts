import type { ClickHouseClient } from '@scorecard/clickhouse';

export interface PersonRow {
  tenant_id: string;
  employee_id: string;
  name: string;
  department_id: string;
  role_group: string;
  team_id: string;
  manager_id: string;
  status: string;
  version: number;
}

export async function writePeople(ch: ClickHouseClient, rows: readonly PersonRow[]): Promise<void> {
  if (rows.length > 0) await ch.insert({ table: 'people', format: 'JSONEachRow', values: rows });
}

/**
 * Everyone who reports to `managerId`, directly or through others (breadth-first, one query per
 * level; org charts are shallow). Cycles in bad HR data cannot loop: each person is visited once.
 */
export async function reportsOf(
  ch: ClickHouseClient,
  tenantId: string,
  managerId: string,
): Promise<Set<string>> {
  const seen = new Set<string>();
  let frontier = [managerId];
  while (frontier.length > 0) {
    const rs = await ch.query({
      query: `SELECT employee_id FROM people FINAL WHERE tenant_id = {t:String} AND manager_id IN {m:Array(String)}`,
      query_params: { t: tenantId, m: frontier },
      format: 'JSONEachRow',
    });
    const next = (await rs.json<{ employee_id: string }>())
      .map((r) => r.employee_id)
      .filter((id) => id !== managerId && !seen.has(id));
    next.forEach((id) => seen.add(id));
    frontier = next;
  }
  return seen;
}
