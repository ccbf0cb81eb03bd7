import type { EntityManager } from 'typeorm';
import { lockKeys } from '@scorecard/db';

export interface PersonRow {
  employee_id: string;
  name: string | null;
  email: string | null;
  department_id: string | null;
  role: string | null;
  role_group: string | null;
  team_id: string | null;
  manager_id: string | null;
  hired_at: Date | null;
  exited_at: Date | null;
  status: string | null;
}

export async function findPerson(
  em: EntityManager,
  tenantId: string,
  employeeId: string,
): Promise<PersonRow | null> {
  const rows = await em.query<PersonRow[]>(
    `SELECT employee_id, name, email, department_id, role, role_group, team_id, manager_id, hired_at, exited_at, status
       FROM people WHERE tenant_id = $1 AND employee_id = $2`,
    [tenantId, employeeId],
  );
  return rows[0] ?? null;
}

/**
 * Stores the person unless a newer HR version is already there. Returns the state before (null
 * for a new person) and whether this event was applied.
 */
export async function upsertPerson(
  em: EntityManager,
  tenantId: string,
  p: Partial<PersonRow> & { employee_id: string },
  version: bigint,
): Promise<{ applied: boolean; before: PersonRow | null }> {
  const before = await em.query<(PersonRow & { version: string })[]>(
    `SELECT *, version::text FROM people WHERE tenant_id = $1 AND employee_id = $2 FOR UPDATE`,
    [tenantId, p.employee_id],
  );
  const prev = before[0] ?? null;
  if (prev !== null && BigInt(prev.version) > version) return { applied: false, before: prev };
  await em.query(
    `INSERT INTO people (tenant_id, employee_id, name, email, department_id, role, role_group, team_id,
                         manager_id, hired_at, exited_at, status, version, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, now())
     ON CONFLICT (tenant_id, employee_id) DO UPDATE SET
       name = EXCLUDED.name, email = EXCLUDED.email, department_id = EXCLUDED.department_id,
       role = EXCLUDED.role, role_group = EXCLUDED.role_group, team_id = EXCLUDED.team_id,
       manager_id = EXCLUDED.manager_id, hired_at = EXCLUDED.hired_at, exited_at = EXCLUDED.exited_at,
       status = EXCLUDED.status, version = EXCLUDED.version, updated_at = now()`,
    [
      tenantId,
      p.employee_id,
      p.name ?? null,
      p.email ?? null,
      p.department_id ?? null,
      p.role ?? null,
      p.role_group ?? null,
      p.team_id ?? null,
      p.manager_id ?? null,
      p.hired_at ?? null,
      p.exited_at ?? null,
      p.status ?? null,
      version.toString(),
    ],
  );
  return { applied: true, before: prev };
}

/**
 * Moves a person (and everyone under them) below a new manager in the closure table: links from
 * the old ancestors into the subtree are removed, links from the new manager and its ancestors are
 * added. A manager inside the person's own subtree would make a cycle; that link is not made.
 * Serialized per tenant so two concurrent moves cannot interleave.
 */
export async function moveInClosure(
  em: EntityManager,
  tenantId: string,
  employeeId: string,
  managerId: string | null,
): Promise<void> {
  await lockKeys(em, 'review.closure', [tenantId]);
  const subtree = `(SELECT employee_id FROM manager_closure WHERE tenant_id = $1 AND manager_id = $2 UNION SELECT $2)`;
  await em.query(
    `DELETE FROM manager_closure
      WHERE tenant_id = $1 AND employee_id IN ${subtree} AND manager_id NOT IN ${subtree}`,
    [tenantId, employeeId],
  );
  if (managerId === null || managerId === employeeId) return;
  await em.query(
    `INSERT INTO manager_closure (tenant_id, manager_id, employee_id, depth)
     SELECT $1, a.manager_id, s.employee_id, a.depth + s.depth + 1
       FROM (SELECT manager_id, depth FROM manager_closure WHERE tenant_id = $1 AND employee_id = $3
             UNION ALL SELECT $3, 0) a,
            (SELECT employee_id, depth FROM manager_closure WHERE tenant_id = $1 AND manager_id = $2
             UNION ALL SELECT $2, 0) s
      WHERE NOT EXISTS (SELECT 1 FROM manager_closure c
                         WHERE c.tenant_id = $1 AND c.manager_id = $2 AND c.employee_id = $3)
     ON CONFLICT (tenant_id, manager_id, employee_id) DO UPDATE SET depth = EXCLUDED.depth`,
    [tenantId, employeeId, managerId],
  );
}

export async function manages(
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

/** The person's managers, direct manager first. */
export async function managerChain(
  em: EntityManager,
  tenantId: string,
  employeeId: string,
): Promise<string[]> {
  const rows = await em.query<{ manager_id: string }[]>(
    `SELECT manager_id FROM manager_closure WHERE tenant_id = $1 AND employee_id = $2 ORDER BY depth`,
    [tenantId, employeeId],
  );
  return rows.map((r) => r.manager_id);
}

/** Direct and indirect reports of a manager. */
export async function reportsOf(em: EntityManager, tenantId: string, managerId: string): Promise<string[]> {
  const rows = await em.query<{ employee_id: string }[]>(
    `SELECT employee_id FROM manager_closure WHERE tenant_id = $1 AND manager_id = $2`,
    [tenantId, managerId],
  );
  return rows.map((r) => r.employee_id);
}

export interface PersonSummary {
  employee_id: string;
  name: string | null;
  department_id: string | null;
  role: string | null;
  role_group: string | null;
  team_id: string | null;
  manager_id: string | null;
  status: string | null;
  direct_reports: number;
}

/**
 * People in the tenant (only `ids` when given), by id, with their number of direct reports;
 * `search` matches the id or name, `managersOnly` keeps people with reports, exited people last.
 */
export async function listPeople(
  em: EntityManager,
  tenantId: string,
  opts: { ids: readonly string[] | null; search?: string; managersOnly: boolean; limit: number },
): Promise<PersonSummary[]> {
  return em.query<PersonSummary[]>(
    `SELECT p.employee_id, p.name, p.department_id, p.role, p.role_group, p.team_id, p.manager_id, p.status,
            (SELECT count(*)::int FROM manager_closure c
              WHERE c.tenant_id = p.tenant_id AND c.manager_id = p.employee_id AND c.depth = 1) AS direct_reports
       FROM people p
      WHERE p.tenant_id = $1
        AND ($2::text[] IS NULL OR p.employee_id = ANY($2))
        AND ($3::text IS NULL OR p.employee_id ILIKE $3 || '%' OR p.name ILIKE '%' || $3 || '%')
        AND (NOT $4 OR EXISTS (SELECT 1 FROM manager_closure c
                                WHERE c.tenant_id = p.tenant_id AND c.manager_id = p.employee_id))
      ORDER BY p.exited_at IS NOT NULL, p.employee_id
      LIMIT $5`,
    [tenantId, opts.ids, opts.search ?? null, opts.managersOnly, opts.limit],
  );
}
