import type { EntityManager } from 'typeorm';
import { managesEmployee } from '../adapters/postgres/people-store';
import { readResult, type ResultView } from '../adapters/postgres/results-store';

export interface Caller {
  tenantId: string;
  roles: readonly string[];
  employeeId?: string;
}

export type ReadResultsOutcome =
  { code: 'ok'; result: ResultView } | { code: 'forbidden' } | { code: 'not_found' };

/**
 * Row-level access: hr and exec see the tenant; a manager sees their direct and indirect reports
 * (manager closure) and themselves; an employee only themselves.
 */
export async function mayReadResultsOf(
  em: EntityManager,
  caller: Caller,
  employeeId: string,
): Promise<boolean> {
  const self = caller.employeeId !== undefined && caller.employeeId === employeeId;
  return (
    self ||
    caller.roles.includes('hr') ||
    caller.roles.includes('exec') ||
    (caller.roles.includes('manager') &&
      caller.employeeId !== undefined &&
      (await managesEmployee(em, caller.tenantId, caller.employeeId, employeeId)))
  );
}

export async function readResults(
  em: EntityManager,
  caller: Caller,
  periodId: string,
  employeeId: string,
): Promise<ReadResultsOutcome> {
  if (!(await mayReadResultsOf(em, caller, employeeId))) return { code: 'forbidden' };
  const result = await readResult(em, caller.tenantId, periodId, employeeId);
  return result ? { code: 'ok', result } : { code: 'not_found' };
}
