import type { EntityManager } from 'typeorm';
import type { Binding } from '../domain/binding';
import { compileGroup, planBindings, type BindingPlan, type CompileError } from '../domain/binding-compiler';
import { kpiActual, type KpiActual, type LeafValue } from '../domain/kpi-actuals';
import type { Period } from '../domain/periods';

/** Looks up one person's actual of one KPI (undefined = no binding or no data). */
export type ActualsLookup = (employeeId: string, kpiId: string) => KpiActual | undefined;

/** Plans every binding that compiles; the ones that do not are reported, not fatal to the rest. */
export function planValidBindings(bindings: Iterable<Binding>): {
  plan: BindingPlan;
  rejected: { kpiId: string; errors: CompileError[] }[];
} {
  const valid: { key: string; spec: Binding }[] = [];
  const rejected: { kpiId: string; errors: CompileError[] }[] = [];
  for (const b of bindings) {
    const one = planBindings([{ key: b.kpi_id, spec: b }]);
    if (one.ok) valid.push({ key: b.kpi_id, spec: b });
    else rejected.push({ kpiId: b.kpi_id, errors: one.errors });
  }
  const plan = planBindings(valid);
  if (!plan.ok) throw new Error('bindings that compile alone must compile together');
  return { plan: plan.value, rejected };
}

interface Row {
  employee_id: string;
  [column: string]: unknown;
}

/**
 * Evaluates every KPI binding for a period: one compiled query per leaf group (see the compiler),
 * for everyone or for the given employees.
 */
export async function evaluateActuals(
  em: EntityManager,
  tenantId: string,
  period: Period,
  plan: BindingPlan,
  employeeIds?: readonly string[],
): Promise<ActualsLookup> {
  const leaves = new Map<string, Map<string, LeafValue>>();
  for (const group of plan.groups) {
    const q = compileGroup(group, {
      tenantId,
      start: period.start,
      end: period.end,
      ...(employeeIds ? { employeeIds } : {}),
    });
    const rows = await em.query<Row[]>(q.sql, q.params);
    for (const leaf of q.leaves) {
      const byEmployee = new Map<string, LeafValue>();
      for (const r of rows) {
        const count = r[leaf.count] as number;
        if (count === 0) continue;
        byEmployee.set(r.employee_id, {
          value: r[leaf.value] as number | null,
          count,
          evidenceIds: r[leaf.evidence] as string[],
        });
      }
      leaves.set(leaf.key, byEmployee);
    }
  }
  return (employeeId, kpiId) => {
    const kpi = plan.kpis.get(kpiId);
    return kpi ? kpiActual(kpi, (leaf) => leaves.get(leaf)?.get(employeeId)) : undefined;
  };
}
