import type { DataSource, EntityManager } from 'typeorm';
import { inTransaction } from '@scorecard/db';
import type { Binding } from '@scorecard/bindings';
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

/** Runs one evaluation query. */
export type RunQuery = (sql: string, params: unknown[]) => Promise<Row[]>;

/**
 * Evaluation queries sort and aggregate whole periods: they get the memory to do it in RAM, and no
 * JIT (the planner cannot estimate JSON predicates, so it would spend seconds compiling).
 */
const EVALUATION_SETTINGS = [`SET LOCAL work_mem = '512MB'`, `SET LOCAL jit = off`];

/** In the caller's transaction (per-person evaluations, previews). */
export const queryIn =
  (em: EntityManager): RunQuery =>
  async (sql, params) => {
    for (const s of EVALUATION_SETTINGS) await em.query(s);
    return em.query<Row[]>(sql, params);
  };

/** Each query in its own transaction, so several groups can run at once (whole periods). */
export const queryOn =
  (ds: DataSource): RunQuery =>
  (sql, params) =>
    inTransaction(ds, (em) => queryIn(em)(sql, params));

/**
 * Evaluates every KPI binding for a period: one compiled query per leaf group (see the compiler),
 * for everyone or for the given employees, `parallel` groups at a time.
 */
export async function evaluateActuals(
  query: RunQuery,
  tenantId: string,
  period: Period,
  plan: BindingPlan,
  employeeIds?: readonly string[],
  parallel = 1,
): Promise<ActualsLookup> {
  const scope = { tenantId, start: period.start, end: period.end, ...(employeeIds ? { employeeIds } : {}) };
  const results = await mapLimit(plan.groups, parallel, async (group) => {
    const q = compileGroup(group, scope);
    return { q, rows: await query(q.sql, q.params) };
  });
  const leaves = new Map<string, Map<string, LeafValue>>();
  for (const { q, rows } of results) {
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

/** Maps with at most `limit` calls in flight; results in input order. */
async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return out;
}
