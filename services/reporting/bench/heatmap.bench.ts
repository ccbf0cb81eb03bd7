// `npm run bench -- heatmap [people] [periods] [kpis]`: p95 of the department × KPI heatmap over
// 100,000 people × 36 periods × 20 KPIs (72M person-KPI rows) in embedded ClickHouse (chdb).
// Baseline, same run: the same heatmap computed straight from the person-level rows.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClickHouse, migrateClickHouse } from '@scorecard/clickhouse';
import { percentile, reportBench } from '@scorecard/testkit';
import { refreshGroupAggregates } from '../src/adapters/clickhouse/group-aggregates';
import { heatmap } from '../src/adapters/clickhouse/report-queries';

const [people = 100_000, periods = 36, kpis = 20] = process.argv.slice(2).map(Number);
const DEPARTMENTS = 25;
const T = 'bench';

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'heatmap-bench-'));
  const ch = await createClickHouse({ chdbPath: dir, database: 'bench' });
  try {
    await migrateClickHouse(ch, { database: 'bench', dir: join(__dirname, '..', 'clickhouse-migrations') });
    const t0 = Date.now();
    await ch.command({
      query: `INSERT INTO people SELECT {t:String}, toString(number), concat('P', toString(number)), concat('dept-', toString(number % ${DEPARTMENTS})),
              concat('rg-', toString(number % 15)), '', '', 'active', 1 FROM numbers(${people})`,
      query_params: { t: T },
    });
    // Scores: a per-person skill plus per-KPI and per-period noise, clamped to [0, 120].
    await ch.command({
      query: `INSERT INTO person_period_kpis
        SELECT {t:String}, toString(e), concat('monthly:', toString(p)), toDateTime64('2023-01-01 00:00:00', 3, 'UTC') + toIntervalMonth(p),
               concat('kra-', toString(k % 4)), concat('kpi-', toString(k)), 0,
               least(120, greatest(0, 40 + (cityHash64(e) % 50) + (cityHash64(e, k, p) % 30) - 15)), 5, 'scored', 'meeting', 3, 1
        FROM (SELECT number % ${people} AS e, intDiv(number, ${people}) % ${periods} AS p, intDiv(number, ${people * periods}) AS k
              FROM numbers(${people * periods * kpis}))`,
      query_params: { t: T },
    });
    const loaded = Date.now();
    const periodIds = Array.from({ length: periods }, (_, p) => `monthly:${p}`);
    // The aggregates are built by the same code the consumer runs, a year at a time.
    for (let i = 0; i < periodIds.length; i += 12)
      await refreshGroupAggregates(ch, T, periodIds.slice(i, i + 12));
    const built = Date.now();
    console.log(
      `loaded ${people * periods * kpis} person-KPI rows in ${loaded - t0} ms; aggregates built in ${built - loaded} ms`,
    );

    const params = { rows: 'department', cols: 'kpi' } as const;
    const check = await heatmap(ch, T, params);
    if (check.cells.length !== DEPARTMENTS * kpis)
      throw new Error(`expected ${DEPARTMENTS * kpis} cells, got ${check.cells.length}`);
    for (let i = 0; i < 5; i++) await heatmap(ch, T, params);
    const samples: number[] = [];
    for (let i = 0; i < 100; i++) {
      const s = performance.now();
      await heatmap(ch, T, params);
      samples.push(performance.now() - s);
    }

    const baseline: number[] = [];
    for (let i = 0; i < 3; i++) {
      const s = performance.now();
      const rs = await ch.query({
        query: `SELECT p.department_id AS row, k.kpi_id AS col, avg(k.score) AS avg_score, uniqExact(k.employee_id) AS n
                FROM person_period_kpis AS k FINAL
                INNER JOIN (SELECT employee_id, department_id FROM people FINAL WHERE tenant_id = {t:String}) AS p ON p.employee_id = k.employee_id
                WHERE k.tenant_id = {t:String} GROUP BY row, col HAVING n >= 4`,
        query_params: { t: T },
        format: 'JSONEachRow',
      });
      const cells = await rs.json<unknown>();
      baseline.push(performance.now() - s);
      if (cells.length !== DEPARTMENTS * kpis) throw new Error('baseline returned a different heatmap');
    }
    reportBench({
      name: 'heatmap',
      value: percentile(samples, 95),
      unit: 'ms p95',
      baseline: { value: percentile(baseline, 50), unit: 'ms (from person rows)' },
    });
  } finally {
    await ch.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
