import type { EntityManager } from 'typeorm';
import { readEvidence as readStoredEvidence, type KpiEvidence } from '../adapters/postgres/evidence-store';
import { mayReadResultsOf, type Caller } from './read-results';

export type ReadEvidenceOutcome =
  { code: 'ok'; kpis: KpiEvidence[] } | { code: 'forbidden' } | { code: 'not_found' };

/**
 * The record ids behind each KPI of a person's results, with their source — and nothing of the
 * scoring mechanics, so an employee can check "why is mine 68" against the records themselves.
 * Same row-level rule as the results.
 */
export async function readEvidence(
  em: EntityManager,
  caller: Caller,
  periodId: string,
  employeeId: string,
): Promise<ReadEvidenceOutcome> {
  if (!(await mayReadResultsOf(em, caller, employeeId))) return { code: 'forbidden' };
  const kpis = await readStoredEvidence(em, caller.tenantId, periodId, employeeId);
  return kpis ? { code: 'ok', kpis } : { code: 'not_found' };
}
