// `npm run bench -- compute`: a full recompute of one monthly period for 10,000 people × 20 KPIs
// over 2,000,000 facts (bench-data.ts), timed end to end (binding evaluation, scoring, snapshots,
// outbox events), next to a hand-written single SQL statement computing the same 20 KPI actuals
// over the same facts with the same point-in-time ownership, in the same run. Runs in a fresh
// database `scorecard_bench_compute` on the DATABASE_URL server, dropped afterwards.
import { inTransaction } from '@scorecard/db';
import { createLogger } from '@scorecard/telemetry';
import { reportBench } from '@scorecard/testkit';
import { openPeriod } from '../src/app/open-period';
import { executeRun } from '../src/app/run-compute';
import { queryIn } from '../src/app/evaluate-actuals';
import { claimRun, requestRun } from '../src/adapters/postgres/runs-store';
import { benchDatabase } from './bench-database';
import { loadConfig, loadFacts, PEOPLE, TENANT } from './bench-data';
import { baselineSql } from './baseline-sql';

async function main() {
  const db = await benchDatabase('scorecard_bench_compute');
  const { ds } = db;
  try {
    let t = Date.now();
    const facts = await loadFacts(ds);
    await loadConfig(ds);
    await inTransaction(ds, (em) => openPeriod(em, TENANT, 'monthly', '2026-11-01', 'UTC'));
    await ds.query(`DELETE FROM dirty_scores`);
    console.error(`loaded ${facts} facts for ${PEOPLE} people in ${Date.now() - t} ms`);

    // Baseline first and again last, so neither side alone profits from a warm cache.
    const baseline = async () => {
      const s = Date.now();
      // The same session settings as compute's evaluation queries (work_mem, no JIT).
      const rows = await inTransaction(ds, (em) =>
        queryIn(em)(baselineSql, [TENANT, '2026-11-01T00:00:00Z', '2026-12-01T00:00:00Z']),
      );
      return { ms: Date.now() - s, rows: rows.length };
    };
    const b1 = await baseline();

    t = Date.now();
    await inTransaction(ds, (em) => requestRun(em, TENANT, 'monthly:2026-11', null, 'cli'));
    const run = await inTransaction(ds, (em) => claimRun(em, 60_000));
    if (!run) throw new Error('no run');
    const logger = createLogger({ service: 'bench', level: 'warn' });
    await executeRun(ds, run, { chunkSize: 1_000, now: () => new Date('2026-11-20T00:00:00Z'), logger });
    const full = Date.now() - t;
    const b2 = await baseline();
    const [counts] = await ds.query<{ results: number; kpis: number; events: number }[]>(
      `SELECT (SELECT count(*)::int FROM performance_results) AS results, (SELECT count(*)::int FROM kpi_results) AS kpis,
              (SELECT count(*)::int FROM outbox) AS events`,
    );
    console.error(
      `full recompute ${full} ms: ${JSON.stringify(counts)}; baseline ${b1.ms} / ${b2.ms} ms (${b1.rows} rows)`,
    );
    reportBench({
      name: 'compute',
      value: full / 1000,
      unit: 's',
      baseline: { value: Math.min(b1.ms, b2.ms) / 1000 },
    });
  } finally {
    // `npm run bench -- compute --keep` leaves the database for EXPLAIN sessions.
    if (process.argv.includes('--keep')) await db.ds.destroy();
    else await db.drop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
