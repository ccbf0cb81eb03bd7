import type { ClickHouseClient } from '@scorecard/clickhouse';

export interface OrgUnitRow {
  tenant_id: string;
  id: string;
  name: string;
  kind: string;
  status: string;
  version: number;
}

export async function writeOrgUnits(ch: ClickHouseClient, rows: readonly OrgUnitRow[]): Promise<void> {
  if (rows.length > 0) await ch.insert({ table: 'org_units', format: 'JSONEachRow', values: rows });
}

async function lookup(
  ch: ClickHouseClient,
  query: string,
  tenantId: string,
  ids: readonly string[],
): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rs = await ch.query({
    query,
    query_params: { t: tenantId, ids: [...new Set(ids)] },
    format: 'JSONEachRow',
  });
  return new Map(
    (await rs.json<{ id: string; name: string }>()).filter((r) => r.name).map((r) => [r.id, r.name]),
  );
}

/** Department (org unit) names by id; ids HR never named are absent. */
export const orgUnitNames = (ch: ClickHouseClient, tenantId: string, ids: readonly string[]) =>
  lookup(
    ch,
    `SELECT id, name FROM org_units FINAL WHERE tenant_id = {t:String} AND id IN {ids:Array(String)}`,
    tenantId,
    ids,
  );

/** People's names by employee id. */
export const personNames = (ch: ClickHouseClient, tenantId: string, ids: readonly string[]) =>
  lookup(
    ch,
    `SELECT employee_id AS id, name FROM people FINAL WHERE tenant_id = {t:String} AND employee_id IN {ids:Array(String)}`,
    tenantId,
    ids,
  );
