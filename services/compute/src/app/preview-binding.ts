import type { EntityManager } from 'typeorm';
import { compileGroup, planBindings, type CompileError } from '../domain/binding-compiler';
import { periodFromId } from '../domain/periods';
import { bindingFromState } from '../domain/registry-config';
import { loadBinding } from '../adapters/postgres/config-store';
import { getPeriod, tenantTimezone } from '../adapters/postgres/periods-store';
import { evaluateActuals, queryIn } from './evaluate-actuals';

export type PreviewOutcome =
  | { code: 'ok'; actual_value: number | null; evidence_ids: string[]; evidence_count: number; sql: string }
  | { code: 'unknown_binding' }
  | { code: 'unknown_period' }
  | { code: 'invalid_binding'; errors: CompileError[] };

/**
 * Evaluates one stored binding for one person and period, exactly as a compute run would, and
 * shows the compiled SQL (placeholders, not values). The period may be any canonical period id,
 * created or not.
 */
export async function previewBinding(
  em: EntityManager,
  tenantId: string,
  bindingId: string,
  employeeId: string,
  periodId: string,
  defaultTimezone: string,
): Promise<PreviewOutcome> {
  const state = await loadBinding(em, tenantId, bindingId);
  if (!state) return { code: 'unknown_binding' };
  const period =
    (await getPeriod(em, tenantId, periodId)) ??
    periodFromId(periodId, await tenantTimezone(em, tenantId, defaultTimezone));
  if (!period) return { code: 'unknown_period' };
  const binding = bindingFromState(state);
  if (!binding.ok) return { code: 'invalid_binding', errors: binding.errors };
  const plan = planBindings([{ key: binding.value.kpi_id, spec: binding.value }]);
  if (!plan.ok) return { code: 'invalid_binding', errors: plan.errors };
  const scope = { tenantId, start: period.start, end: period.end, employeeIds: [employeeId] };
  const sql = plan.value.groups.map((g) => compileGroup(g, scope).sql).join(';\n');
  const actual = (await evaluateActuals(queryIn(em), tenantId, period, plan.value, [employeeId]))(
    employeeId,
    binding.value.kpi_id,
  );
  return {
    code: 'ok',
    actual_value: actual?.actual ?? null,
    evidence_ids: actual?.evidenceIds ?? [],
    evidence_count: actual?.evidenceCount ?? 0,
    sql,
  };
}
