import type { DataSource } from 'typeorm';
import { inTransaction } from '@scorecard/db';
import { freshDatabase, type FreshDatabase } from '@scorecard/testkit';
import { openPeriod } from '../src/app/open-period';
import { listPeriods } from '../src/adapters/postgres/periods-store';
import { openComputeDb } from './fixtures';

let db: FreshDatabase;
let ds: DataSource;

beforeAll(async () => {
  db = await freshDatabase();
  ds = await openComputeDb(db.url);
});
afterAll(async () => {
  await ds?.destroy();
  await db?.drop();
});

const result = (tenantId: string, periodId: string, employeeId: string, total: number | null) =>
  ds.query(
    `INSERT INTO performance_results (tenant_id, period_id, employee_id, template_id, template_version,
                                      total_score, computed_total, explanation, inputs_hash, computed_at)
     VALUES ($1, $2, $3, 'tpl', 1, $4, $4, '{}', 'h', now())`,
    [tenantId, periodId, employeeId, total],
  );

describe('compute: the periods list', () => {
  it("counts each period's people with a total score, so readers can find the latest period with data", async () => {
    for (const [tenant, start] of [
      ['acme', '2026-10-01'],
      ['acme', '2026-11-01'],
      ['acme', '2026-12-01'],
      ['other', '2026-11-01'],
    ] as const)
      await inTransaction(ds, (em) => openPeriod(em, tenant, 'monthly', start, 'UTC'));
    await result('acme', 'monthly:2026-10', 'ada', 71.5);
    await result('acme', 'monthly:2026-10', 'bob', 64);
    await result('acme', 'monthly:2026-11', 'ada', 80);
    // Scored with no data at all (the scheduler's month ahead): not counted.
    await result('acme', 'monthly:2026-11', 'bob', null);
    await result('acme', 'monthly:2026-12', 'ada', null);
    // Another tenant's results never count.
    await result('other', 'monthly:2026-11', 'x', 50);
    await result('other', 'monthly:2026-11', 'y', 50);

    const periods = await listPeriods(ds.manager, 'acme', undefined);
    expect(periods.map((p) => [p.id, p.scored])).toEqual([
      ['monthly:2026-10', 2],
      ['monthly:2026-11', 1],
      ['monthly:2026-12', 0],
    ]);
  });
});
