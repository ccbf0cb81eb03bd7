import type { EntityManager } from 'typeorm';
import { lockKeys } from '@scorecard/db';

/**
 * Refreshes the people read model of the given employees from their latest HR version (deleted
 * employees drop out), then rebuilds the tenant's manager closure when a manager link changed.
 */
export async function refreshPeople(
  em: EntityManager,
  tenantId: string,
  employeeIds: readonly string[],
): Promise<void> {
  if (employeeIds.length === 0) return;
  const changed = await em.query<{ manager_changed: boolean }[]>(
    `WITH latest AS (
       SELECT f.entity_id, f.op, f.version, f.data FROM source_facts f
       WHERE f.tenant_id = $1 AND f.source = 'hr' AND f.entity = 'employee' AND f.is_latest AND f.entity_id = ANY($2::text[])
     ), removed AS (
       DELETE FROM people p USING latest l
       WHERE p.tenant_id = $1 AND p.employee_id = l.entity_id AND l.op = 'delete'
       RETURNING p.manager_id IS NOT NULL AS manager_changed
     ), upserted AS (
       INSERT INTO people AS p (tenant_id, employee_id, name, manager_id, team_id, department_id, role, role_group, status, hired_at, exited_at, version)
       SELECT $1, l.entity_id, l.data->>'name', l.data->>'manager_id', l.data->>'team_id', l.data->>'department_id',
              l.data->>'role', l.data->>'role_group', l.data->>'status',
              (l.data->>'hired_at')::timestamptz, (l.data->>'exited_at')::timestamptz, l.version
       FROM latest l WHERE l.op = 'upsert'
       ON CONFLICT (tenant_id, employee_id) DO UPDATE SET
         name = EXCLUDED.name, manager_id = EXCLUDED.manager_id, team_id = EXCLUDED.team_id,
         department_id = EXCLUDED.department_id, role = EXCLUDED.role, role_group = EXCLUDED.role_group,
         status = EXCLUDED.status, hired_at = EXCLUDED.hired_at, exited_at = EXCLUDED.exited_at, version = EXCLUDED.version
       WHERE p.version <> EXCLUDED.version
       RETURNING p.manager_id AS new_manager, (SELECT o.manager_id FROM people o WHERE o.tenant_id = p.tenant_id AND o.employee_id = p.employee_id) AS old_manager
     )
     SELECT true AS manager_changed FROM removed WHERE manager_changed
     UNION ALL SELECT true FROM upserted WHERE new_manager IS DISTINCT FROM old_manager`,
    [tenantId, employeeIds],
  );
  if (changed.length > 0) await rebuildManagerClosure(em, tenantId);
}

/** Every (manager, report) pair with its depth, cycle-safe. */
export async function rebuildManagerClosure(em: EntityManager, tenantId: string): Promise<void> {
  // One rebuild per tenant at a time: a second one's DELETE would not see the first one's rows
  // (inserted after its snapshot) and its INSERT would then hit their keys.
  await lockKeys(em, 'scorecard.compute.manager-closure', [tenantId]);
  await em.query(`DELETE FROM manager_closure WHERE tenant_id = $1`, [tenantId]);
  await em.query(
    `WITH RECURSIVE chain (manager_id, employee_id, depth, path) AS (
       SELECT p.manager_id, p.employee_id, 1, ARRAY[p.employee_id, p.manager_id]
       FROM people p WHERE p.tenant_id = $1 AND p.manager_id IS NOT NULL AND p.manager_id <> p.employee_id
       UNION ALL
       SELECT up.manager_id, c.employee_id, c.depth + 1, c.path || up.manager_id
       FROM chain c JOIN people up ON up.tenant_id = $1 AND up.employee_id = c.manager_id
       WHERE up.manager_id IS NOT NULL AND NOT up.manager_id = ANY(c.path)
     )
     INSERT INTO manager_closure (tenant_id, manager_id, employee_id, depth)
     SELECT $1, manager_id, employee_id, min(depth) FROM chain GROUP BY manager_id, employee_id`,
    [tenantId],
  );
}

/** True when `managerId` is a direct or indirect manager of `employeeId`. */
export async function managesEmployee(
  em: EntityManager,
  tenantId: string,
  managerId: string,
  employeeId: string,
): Promise<boolean> {
  const rows = await em.query<unknown[]>(
    `SELECT 1 FROM manager_closure WHERE tenant_id = $1 AND manager_id = $2 AND employee_id = $3`,
    [tenantId, managerId, employeeId],
  );
  return rows.length > 0;
}

export interface PersonRow {
  employee_id: string;
  role: string | null;
  role_group: string | null;
  department_id: string | null;
  /** HR status (active | on_leave | …); absent for someone known only from facts. */
  status?: string | null;
  hired_at?: Date | string | null;
  exited_at?: Date | string | null;
  /** True for people with an HR record (the only ones who can be unscored). */
  in_hr?: boolean;
}

const PERSON_COLUMNS = `employee_id, role, role_group, department_id, status, hired_at, exited_at, true AS in_hr`;

/** People employed at some point of [start, end): hired before the end, not exited before the start. */
export async function peopleInPeriod(
  em: EntityManager,
  tenantId: string,
  start: string,
  end: string,
): Promise<PersonRow[]> {
  return em.query<PersonRow[]>(
    `SELECT ${PERSON_COLUMNS} FROM people
     WHERE tenant_id = $1 AND (hired_at IS NULL OR hired_at < $3) AND (exited_at IS NULL OR exited_at >= $2)
     ORDER BY employee_id`,
    [tenantId, start, end],
  );
}

export async function peopleByIds(
  em: EntityManager,
  tenantId: string,
  ids: readonly string[],
): Promise<PersonRow[]> {
  return em.query<PersonRow[]>(
    `SELECT ${PERSON_COLUMNS} FROM people WHERE tenant_id = $1 AND employee_id = ANY($2::text[])`,
    [tenantId, ids],
  );
}
