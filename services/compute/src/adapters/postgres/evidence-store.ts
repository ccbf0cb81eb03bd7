import type { EntityManager } from 'typeorm';

/** One KPI's evidence: the record ids kept with its result and where those records come from. */
export interface KpiEvidence {
  kra_id: string;
  kpi_id: string;
  evidence_ids: string[];
  evidence_count: number;
  /** The source of the KPI's current binding (null for manual KPIs or a binding since removed). */
  source: { domain: string; entity: string } | null;
}

/**
 * A person's evidence for a period in scorecard order, or null when they have no results. The
 * source is looked up the way compute picks a KPI's binding: each binding's latest version, the
 * first active one by id.
 */
export async function readEvidence(
  em: EntityManager,
  tenantId: string,
  periodId: string,
  employeeId: string,
): Promise<KpiEvidence[] | null> {
  const perf = await em.query<unknown[]>(
    `SELECT 1 FROM performance_results WHERE tenant_id = $1 AND period_id = $2 AND employee_id = $3`,
    [tenantId, periodId, employeeId],
  );
  if (perf.length === 0) return null;
  return em.query<KpiEvidence[]>(
    `SELECT r.kra_id, r.kpi_id, r.evidence_ids, r.evidence_count, b.source
       FROM kpi_results r
       LEFT JOIN LATERAL (
         SELECT latest.state->'source' AS source
           FROM (SELECT DISTINCT ON (entity_id) entity_id, active, state
                   FROM config_entities
                  WHERE tenant_id = r.tenant_id AND entity_type = 'binding' AND state->>'kpi_id' = r.kpi_id
                  ORDER BY entity_id, version DESC) latest
          WHERE latest.active
          ORDER BY latest.entity_id
          LIMIT 1
       ) b ON true
      WHERE r.tenant_id = $1 AND r.period_id = $2 AND r.employee_id = $3
      ORDER BY r.kra_id, r.position`,
    [tenantId, periodId, employeeId],
  );
}
