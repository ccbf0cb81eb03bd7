import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { inTransaction } from '@scorecard/db';
import type { Logger } from '@scorecard/telemetry';
import { loadTenantConfig, type TenantConfig } from '../adapters/postgres/config-store';
import type { BindingPlan } from '../domain/binding-compiler';
import { getPeriod, type StoredPeriod } from '../adapters/postgres/periods-store';
import { peopleByIds, peopleInPeriod, type PersonRow } from '../adapters/postgres/people-store';
import { claimRun, finishRun, recordProgress, type ComputeRun } from '../adapters/postgres/runs-store';
import { dropEvidence, evaluateActuals, planValidBindings, queryOn } from './evaluate-actuals';
import { prepareScores, writeScores, type PreparedScores, type ScoreContext } from './score-people';
import { startPollingWorker, type PollingWorker } from './polling-worker';

export interface RunOptions {
  /** People per transaction: the unit of progress and of resumption. */
  chunkSize: number;
  now: () => Date;
  logger: Logger;
  /** Binding groups evaluated at once (Postgres connections; about the database's cores). */
  parallelQueries?: number;
  /** Called after each committed chunk (progress reporting; tests use it to stop a run midway). */
  afterChunk?: (done: number, total: number) => void | Promise<void>;
}

/** Thrown when the period is (or became) finalized: nothing may be written to it any more. */
export class PeriodClosedError extends Error {
  constructor(periodId: string) {
    super(`period ${periodId} is finalized`);
  }
}

/** Locks the period row against a concurrent finalization until the transaction ends. */
export async function assertPeriodOpen(em: EntityManager, tenantId: string, periodId: string): Promise<void> {
  const rows = await em.query<{ status: string }[]>(
    `SELECT status FROM periods WHERE tenant_id = $1 AND id = $2 FOR SHARE`,
    [tenantId, periodId],
  );
  if (rows[0]?.status !== 'open') throw new PeriodClosedError(periodId);
}

/**
 * Executes (or resumes) a compute run: evaluates every binding once for the whole population,
 * then scores and writes people in id order, one transaction per chunk that also advances the
 * run's cursor — so a run killed midway resumes after its last committed chunk, and redoing a
 * chunk is harmless (same inputs, same rows).
 */
export async function executeRun(ds: DataSource, run: ComputeRun, opts: RunOptions): Promise<void> {
  const period = await getPeriod(ds.manager, run.tenant_id, run.period_id);
  if (!period) throw new Error(`unknown period ${run.period_id}`);
  if (period.status !== 'open') throw new PeriodClosedError(period.id);
  const config = await loadTenantConfig(ds.manager, run.tenant_id);
  const { plan, rejected } = planValidBindings(config.bindings.values());
  if (rejected.length > 0) opts.logger.warn({ rejected }, 'bindings that do not compile are skipped');

  let people: PersonRow[];
  if (run.employee_id) {
    const known = await peopleByIds(ds.manager, run.tenant_id, [run.employee_id]);
    people =
      known.length > 0
        ? known
        : [{ employee_id: run.employee_id, role: null, role_group: null, department_id: null }];
  } else {
    people = await peopleInPeriod(ds.manager, run.tenant_id, period.start, period.end);
  }
  // A whole population's evidence ids stay in Postgres (evidence_scratch) until the chunks copy
  // them into kpi_results; a single person's are few and come back with the actuals.
  const keep = run.employee_id ? undefined : { evalId: randomUUID() };
  try {
    await scoreRun(ds, run, opts, { period, config, plan, people, keep });
  } finally {
    if (keep) await dropEvidence(ds.manager, keep.evalId);
  }
}

async function scoreRun(
  ds: DataSource,
  run: ComputeRun,
  opts: RunOptions,
  {
    period,
    config,
    plan,
    people,
    keep,
  }: {
    period: StoredPeriod;
    config: TenantConfig;
    plan: BindingPlan;
    people: PersonRow[];
    keep: { evalId: string } | undefined;
  },
): Promise<void> {
  const actuals = await evaluateActuals(
    queryOn(ds),
    run.tenant_id,
    period,
    plan,
    run.employee_id ? [run.employee_id] : undefined,
    opts.parallelQueries ?? 2,
    keep,
  );
  const total = people.length;
  const todo = run.cursor === null ? people : people.filter((p) => p.employee_id > (run.cursor as string));
  const chunks: PersonRow[][] = [];
  for (let i = 0; i < todo.length; i += opts.chunkSize) chunks.push(todo.slice(i, i + opts.chunkSize));
  const ctx: ScoreContext = {
    tenantId: run.tenant_id,
    period,
    config,
    actuals,
    runId: run.id,
    now: opts.now,
  };
  // Pipelined: the next chunk is scored (Node) while this one is written (Postgres); the write
  // re-checks under row locks that nothing changed in between (see writeScores).
  const prepare = (chunk: PersonRow[] | undefined) => {
    if (!chunk) return undefined;
    const p = prepareScores(ds.manager, ctx, chunk);
    p.catch(() => undefined); // awaited below; a failed write must not leave it unhandled
    return p;
  };
  let done = total - todo.length;
  let changed = run.changed;
  let next = prepare(chunks[0]);
  // Two chunks are written at once (Postgres gets a second core), but they commit in order: a
  // chunk's transaction records its progress only after the previous chunk committed, so the
  // cursor never passes a chunk that is not written, and a failed chunk rolls back the next one.
  let previous: Promise<void> = Promise.resolve();
  let current: Promise<void> = previous;
  try {
    for (let i = 0; i < chunks.length; i++) {
      const prepared = await (next as Promise<PreparedScores>);
      next = prepare(chunks[i + 1]);
      const before = previous;
      current = inTransaction(ds, async (em) => {
        // Results are derived and the run resumes from its cursor, so a commit lost in a crash
        // only means redoing that chunk: no need to wait for the WAL flush.
        await em.query(`SET LOCAL synchronous_commit = off`);
        await assertPeriodOpen(em, run.tenant_id, period.id);
        const written = await writeScores(em, ctx, prepared);
        await before;
        changed += written;
        done += prepared.people.length;
        await recordProgress(em, run.id, {
          done,
          total,
          changed,
          cursor: prepared.people.at(-1)?.employee_id ?? null,
        });
      }).then(() => opts.afterChunk?.(done, total));
      current.catch(() => undefined); // awaited as the next chunk's `before` or below
      previous = current;
      await before;
    }
    await current;
  } finally {
    await Promise.allSettled([current]);
  }
  await inTransaction(ds, async (em) => {
    await recordProgress(em, run.id, { done, total, changed, cursor: null });
    await finishRun(em, run.id, 'succeeded', null);
  });
}

/**
 * Claims and executes queued runs (and runs abandoned by a dead worker) until stopped. A failed
 * run is marked failed with its error; the worker moves on.
 */
export function startRunWorker(
  ds: DataSource,
  opts: RunOptions & { pollMs: number; staleAfterMs: number },
): PollingWorker {
  return startPollingWorker(async () => {
    let run: ComputeRun | null = null;
    try {
      run = await inTransaction(ds, (em) => claimRun(em, opts.staleAfterMs));
      if (!run) return false;
      const started = Date.now();
      await executeRun(ds, run, opts);
      opts.logger.info(
        { runId: run.id, periodId: run.period_id, ms: Date.now() - started },
        'compute run finished',
      );
      return true;
    } catch (err) {
      opts.logger.error({ err, runId: run?.id }, 'compute run failed');
      if (run) await finishRun(ds.manager, run.id, 'failed', (err as Error).message).catch(() => undefined);
      return false;
    }
  }, opts.pollMs);
}
