import type { IngestEvent } from '@scorecard/contracts';
import { ValidationError } from '@scorecard/errors';
import { eventIdOf } from './accept-events';
import { ImportInterrupted, importCsv, type ImportCsvDeps, type ImportCsvRequest } from './import-csv';
import { identityKey, resolveVersion } from '../domain/ingest-batch';

/** An accept path in memory: each batch claims its identities (as the Postgres claim does). */
function fakeAccept(failOnBatch?: number) {
  const claimed = new Set<string>();
  const batches: number[] = [];
  const deps: ImportCsvDeps = {
    accept: (tenant, events: readonly IngestEvent[]) => {
      batches.push(events.length);
      if (batches.length === failOnBatch) return Promise.reject(new Error('broker down'));
      let accepted = 0;
      for (const ev of events) {
        const id = eventIdOf(identityKey(tenant, resolveVersion(ev)));
        if (claimed.has(id)) continue;
        claimed.add(id);
        accepted++;
      }
      return Promise.resolve({ accepted, duplicates: events.length - accepted });
    },
    acceptedBefore: (_tenant, ids) => Promise.resolve(new Set(ids.filter((id) => claimed.has(id)))),
  };
  return { deps, claimed, batches };
}

const rows = (n: number, bad: number[] = []) =>
  [
    'Id,Opened,CSAT',
    ...Array.from({ length: n }, (_, i) => `T${i},2026-10-01 08:00,${bad.includes(i) ? 9 : 4}`),
  ].join('\n');
const request = (csv: string, more: Partial<ImportCsvRequest> = {}): ImportCsvRequest => ({
  source: 'ticketing',
  entity: 'ticket',
  entries: [
    { column: 'Id', target: 'id' },
    { column: 'Opened', target: 'created_at' },
    { column: 'CSAT', target: 'csat' },
  ],
  timezone: 'UTC',
  csv,
  dryRun: false,
  skipInvalid: false,
  ...more,
});

describe('importCsv', () => {
  it('accepts a large file in batches of 5,000 and reports duplicates on a second import', async () => {
    const { deps, batches } = fakeAccept();
    const first = await importCsv(deps, 'acme', request(rows(10_001)));
    expect(batches).toEqual([5_000, 5_000, 1]);
    expect(first).toMatchObject({ rows: 10_001, valid: 10_001, invalid: 0, accepted: 10_001, duplicates: 0 });
    const dry = await importCsv(deps, 'acme', request(rows(10_001), { dryRun: true }));
    expect(dry).toMatchObject({ dry_run: true, accepted: 0, would_accept: 0, duplicates: 10_001 });
    expect(await importCsv(deps, 'acme', request(rows(10_001)))).toMatchObject({
      accepted: 0,
      duplicates: 10_001,
    });
  });

  it('accepts nothing from a file with a bad row unless skip_invalid, and a dry run never accepts', async () => {
    const { deps, claimed } = fakeAccept();
    const refused = importCsv(deps, 'acme', request(rows(5, [1, 3])));
    await expect(refused).rejects.toThrow(ValidationError);
    await expect(refused).rejects.toMatchObject({
      message: expect.stringContaining('2 of 5 rows are invalid; nothing was imported') as string,
      errors: [
        {
          path: 'lines[3].csat',
          message: 'Number must be less than or equal to 5 (got "9") (column "CSAT")',
        },
        {
          path: 'lines[5].csat',
          message: 'Number must be less than or equal to 5 (got "9") (column "CSAT")',
        },
      ],
    });
    const dry = await importCsv(deps, 'acme', request(rows(5, [1, 3]), { dryRun: true }));
    expect(dry).toMatchObject({ valid: 3, invalid: 2, accepted: 0, would_accept: 3 });
    expect(claimed.size).toBe(0);
    const skipped = await importCsv(deps, 'acme', request(rows(5, [1, 3]), { skipInvalid: true }));
    expect(skipped).toMatchObject({ valid: 3, invalid: 2, accepted: 3 });
    expect(skipped.errors.map((e) => e.line)).toEqual([3, 5]);
  });

  it('says how much was kept when the event log fails midway; importing again accepts the rest', async () => {
    const failing = fakeAccept(2);
    const err = await importCsv(failing.deps, 'acme', request(rows(10_001))).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportInterrupted);
    expect(err).toMatchObject({ accepted: 5_000, total: 10_001 });
    expect(failing.claimed.size).toBe(5_000);
    // The broker is back: the same file again.
    const retry = fakeAccept();
    for (const id of failing.claimed) retry.claimed.add(id);
    expect(await importCsv(retry.deps, 'acme', request(rows(10_001)))).toMatchObject({
      accepted: 5_001,
      duplicates: 5_000,
    });
  });
});
