import type { DataSource } from 'typeorm';
import { createDataSource, inTransaction, lockKeys } from '../src';
import type { TempDatabase } from './temp-database';
import { createTempDatabase } from './temp-database';

let db: TempDatabase;
let ds: DataSource;

beforeAll(async () => {
  db = await createTempDatabase();
  ds = await createDataSource({
    url: db.url,
    schema: 'public',
    applicationName: 'db-lock-test',
  }).initialize();
});
afterAll(async () => {
  await ds?.destroy();
  await db?.drop();
});

interface Lock {
  scope: string;
  keys: string[];
  mode: 'exclusive' | 'shared';
}
const x = (keys: string[], scope = 's'): Lock => ({ scope, keys, mode: 'exclusive' });
const s = (keys: string[], scope = 's'): Lock => ({ scope, keys, mode: 'shared' });

/** Whether a second transaction taking `second` had to wait while another held `first`. */
async function waits(first: Lock, second: Lock): Promise<boolean> {
  let secondDone = false;
  let doneWhileHeld = false;
  let later: Promise<void> | undefined;
  await inTransaction(ds, async (em) => {
    await lockKeys(em, first.scope, first.keys, first.mode);
    later = inTransaction(ds, (em2) => lockKeys(em2, second.scope, second.keys, second.mode)).then(() => {
      secondDone = true;
    });
    await new Promise((r) => setTimeout(r, 300));
    doneWhileHeld = secondDone;
  });
  await later;
  return !doneWhileHeld;
}

describe('lockKeys', () => {
  it.each([
    ['exclusive, then shared on the same key', x(['t1']), s(['t1']), true],
    ['shared, then exclusive on the same key', s(['t1']), x(['t1']), true],
    ['exclusive on overlapping sets', x(['a', 'b']), x(['c', 'b']), true],
    ['shared, then shared', s(['t1']), s(['t1']), false],
    ['different keys', x(['t1']), x(['t2']), false],
    ['the same key in another scope', x(['t1'], 'one'), x(['t1'], 'two'), false],
  ])('%s: the second waits = %s', async (_, first, second, expected) => {
    expect(await waits(first, second)).toBe(expected);
  });
});
