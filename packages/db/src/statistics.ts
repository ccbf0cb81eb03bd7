import type { DataSource } from 'typeorm';

/**
 * Planner statistics without autovacuum. Many tuned or managed Postgres servers run with
 * autovacuum off, and this service's plans go wrong on tables it never analyzed (a scoring query
 * took 129 s on a `source_facts` nobody had analyzed, 195 ms once it had statistics). The
 * statistics collector still counts changes with autovacuum off, so each service analyzes its own
 * tables the way autovacuum would: when the rows changed since the last ANALYZE exceed
 * `base + fraction × live rows` (autovacuum's defaults are 50 and 0.1).
 */
export interface StaleStatisticsOptions {
  schema: string;
  base?: number;
  fraction?: number;
}

/** The service's tables whose statistics are stale, most changed first. */
export async function staleTables(ds: DataSource, opts: StaleStatisticsOptions): Promise<string[]> {
  const rows = await ds.query<{ relname: string }[]>(
    `SELECT relname FROM pg_stat_user_tables
      WHERE schemaname = $1 AND n_mod_since_analyze > $2::float8 + $3::float8 * n_live_tup
      ORDER BY n_mod_since_analyze DESC`,
    [opts.schema, opts.base ?? 50, opts.fraction ?? 0.1],
  );
  return rows.map((r) => r.relname);
}

/** ANALYZEs the stale tables (it takes no lock that blocks reads or writes); returns their names. */
export async function analyzeStale(ds: DataSource, opts: StaleStatisticsOptions): Promise<string[]> {
  const tables = await staleTables(ds, opts);
  for (const t of tables)
    await ds.query(`ANALYZE "${opts.schema.replace(/"/g, '""')}"."${t.replace(/"/g, '""')}"`);
  return tables;
}

/** Checks every `intervalMs` and analyzes what went stale; `stop` waits for a check in progress. */
export function startStatisticsKeeper(
  ds: DataSource,
  opts: StaleStatisticsOptions & {
    intervalMs: number;
    onAnalyzed?: (tables: string[]) => void;
    onError: (err: unknown) => void;
  },
): { stop(): Promise<void> } {
  let running: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    running = running.then(async () => {
      try {
        const tables = await analyzeStale(ds, opts);
        if (tables.length > 0) opts.onAnalyzed?.(tables);
      } catch (err) {
        opts.onError(err);
      }
    });
  }, opts.intervalMs);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
