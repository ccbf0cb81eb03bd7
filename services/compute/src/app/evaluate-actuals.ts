import type { DataSource, EntityManager } from 'typeorm';
import { inTransaction } from '@scorecard/db';
import type { Binding } from '@scorecard/bindings';
import {
  compileGroup,
  planBindings,
  type BindingPlan,
  type CompiledQuery,
  type CompileError,
} from '../domain/binding-compiler';
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
 * Wraps a compiled group query so each evidence array also comes back as its md5 (`h<j>`), which
 * the inputs hash covers. With `keepIn`, the arrays themselves stay in Postgres: one data-modifying
 * CTE copies them into `evidence_scratch` under `<evalId>/<group>/<slot>` and only the digests
 * travel to Node (a full run would otherwise ship ~18 M ids there and back).
 */
function withEvidence(
  q: CompiledQuery,
  group: number,
  keepIn: { evalId: string } | undefined,
): { sql: string; params: unknown[]; ref: (slot: string) => string } {
  const slots = [...new Set(q.leaves.map((l) => l.evidence))];
  const digests = slots.map((e) => `md5(q.${e}::text) AS h${e}`).join(', ');
  const ref = (slot: string) => `${keepIn?.evalId ?? ''}/${group}/${slot}`;
  if (!keepIn)
    return {
      sql: `WITH q AS MATERIALIZED (${q.sql})
SELECT q.*, ${digests} FROM q`,
      params: q.params,
      ref,
    };
  const p = q.params.length + 1;
  const keep = slots.map((e) => `($${p + 1} || '/${group}/${e}', q.${e})`).join(', ');
  const values = [...new Set(q.leaves.flatMap((l) => [l.value, l.count]))].map((c) => `q.${c}`).join(', ');
  return {
    sql:
      `WITH q AS MATERIALIZED (${q.sql}),
` +
      `kept AS (INSERT INTO evidence_scratch (eval_id, ref, employee_id, ids) ` +
      `SELECT $${p}::uuid, s.ref, q.employee_id, s.ids FROM q CROSS JOIN LATERAL (VALUES ${keep}) AS s(ref, ids) WHERE s.ids IS NOT NULL)
` +
      `SELECT q.employee_id, ${values}, ${digests} FROM q`,
    params: [...q.params, keepIn.evalId, keepIn.evalId],
    ref,
  };
}

/**
 * Evaluates every KPI binding for a period: one compiled query per leaf group (see the compiler),
 * for everyone or for the given employees, `parallel` groups at a time. With `keepEvidence`, the
 * evidence ids are written to `evidence_scratch` instead of being returned (see `withEvidence`);
 * the caller deletes them (`dropEvidence`) once the results are written.
 */
export async function evaluateActuals(
  query: RunQuery,
  tenantId: string,
  period: Period,
  plan: BindingPlan,
  employeeIds?: readonly string[],
  parallel = 1,
  keepEvidence?: { evalId: string },
): Promise<ActualsLookup> {
  const scope = { tenantId, start: period.start, end: period.end, ...(employeeIds ? { employeeIds } : {}) };
  const results = await mapLimit(
    plan.groups.map((group, i) => ({ group, i })),
    parallel,
    async ({ group, i }) => {
      const q = compileGroup(group, scope);
      const w = withEvidence(q, i, keepEvidence);
      return { q, ref: w.ref, rows: await query(w.sql, w.params) };
    },
  );
  const leaves = new Map<string, Map<string, LeafValue>>();
  for (const { q, ref, rows } of results) {
    for (const leaf of q.leaves) {
      const byEmployee = new Map<string, LeafValue>();
      for (const r of rows) {
        const count = r[leaf.count] as number;
        if (count === 0) continue;
        byEmployee.set(r.employee_id, {
          value: r[leaf.value] as number | null,
          count,
          evidenceIds: keepEvidence ? [] : (r[leaf.evidence] as string[]),
          evidenceDigest: r[`h${leaf.evidence}`] as string,
          ...(keepEvidence ? { evidenceRef: ref(leaf.evidence) } : {}),
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

/** Deletes the evidence an evaluation kept in Postgres (and what a crashed worker left behind). */
export async function dropEvidence(em: EntityManager, evalId: string): Promise<void> {
  await em.query(`DELETE FROM evidence_scratch WHERE eval_id = $1 OR created_at < now() - interval '1 day'`, [
    evalId,
  ]);
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
