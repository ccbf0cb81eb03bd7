import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Notification } from 'pg';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import {
  createDataSource,
  enqueueOutbox,
  inTransaction,
  markProcessed,
  migrate,
  outboxChannel,
} from '../src';
import type { TempDatabase } from './temp-database';
import { createTempDatabase } from './temp-database';

const SCHEMA = 'review';

let db: TempDatabase;
let ds: DataSource;
let listener: Client;
let notifications: Notification[];

beforeAll(async () => {
  db = await createTempDatabase();
  const dir = await mkdtemp(join(tmpdir(), 'db-outbox-'));
  ds = createDataSource({ url: db.url, schema: SCHEMA, applicationName: 'db-outbox-test', poolSize: 4 });
  await migrate(ds, { schema: SCHEMA, dir });
  await rm(dir, { recursive: true });
  listener = new Client({ connectionString: db.url });
  await listener.connect();
  listener.on('notification', (n) => notifications.push(n));
  await listener.query(`LISTEN ${outboxChannel(SCHEMA)}`);
});

beforeEach(() => {
  notifications = [];
});

afterAll(async () => {
  await listener.end();
  await ds.destroy();
  await db.drop();
});

/** Resolves with what has arrived once `ms` have passed: proving absence needs a wait. */
async function notificationsAfter(ms: number): Promise<Notification[]> {
  await new Promise((resolve) => setTimeout(resolve, ms));
  return notifications;
}

async function nextNotification(): Promise<Notification> {
  for (let i = 0; i < 100 && notifications.length === 0; i++) await notificationsAfter(20);
  const [first] = notifications;
  if (first === undefined) throw new Error('no notification within 2s');
  return first;
}

describe('enqueueOutbox', () => {
  test('stores the message in the transaction and a LISTEN client is notified on commit', async () => {
    const id = await inTransaction(ds, (em) =>
      enqueueOutbox(em, SCHEMA, {
        topic: 'scorecard.review.approved.v1',
        key: 'emp-1',
        payload: { scorecardId: 's-1', items: [1, 2] },
        headers: { 'event-id': 'e-1', 'tenant-id': 't-1' },
      }),
    );

    const notification = await nextNotification();
    expect(notification).toMatchObject({ channel: 'review_outbox', payload: '' });
    expect(
      await ds.query('SELECT topic, key, payload, headers, published_at FROM review.outbox WHERE id = $1', [
        id,
      ]),
    ).toEqual([
      {
        topic: 'scorecard.review.approved.v1',
        key: 'emp-1',
        payload: { scorecardId: 's-1', items: [1, 2] },
        headers: { 'event-id': 'e-1', 'tenant-id': 't-1' },
        published_at: null,
      },
    ]);
  });

  test('headers default to {} and a rolled-back transaction leaves no row and no notification', async () => {
    const before: { n: string }[] = await ds.query('SELECT count(*) AS n FROM review.outbox');
    await expect(
      inTransaction(ds, async (em) => {
        await enqueueOutbox(em, SCHEMA, { topic: 't', key: 'k', payload: {} });
        throw new Error('business rule failed');
      }),
    ).rejects.toThrow('business rule failed');

    expect(await notificationsAfter(200)).toEqual([]);
    expect(await ds.query('SELECT count(*) AS n FROM review.outbox')).toEqual(before);

    const id = await inTransaction(ds, (em) =>
      enqueueOutbox(em, SCHEMA, { topic: 't', key: 'k', payload: {} }),
    );
    expect(await ds.query('SELECT headers FROM review.outbox WHERE id = $1', [id])).toEqual([
      { headers: {} },
    ]);
  });

  test('refuses to run outside a transaction', async () => {
    await expect(enqueueOutbox(ds.manager, SCHEMA, { topic: 't', key: 'k', payload: {} })).rejects.toThrow(
      /open transaction/,
    );
  });
});

describe('markProcessed', () => {
  test('is true the first time and false for a redelivery of the same event', async () => {
    expect(await inTransaction(ds, (em) => markProcessed(em, SCHEMA, 'review-scores', 'evt-1'))).toBe(true);
    expect(await inTransaction(ds, (em) => markProcessed(em, SCHEMA, 'review-scores', 'evt-1'))).toBe(false);
    // Dedupe is per consumer group.
    expect(await inTransaction(ds, (em) => markProcessed(em, SCHEMA, 'review-journal', 'evt-1'))).toBe(true);
  });

  test('a rolled-back transaction does not record the event', async () => {
    await expect(
      inTransaction(ds, async (em) => {
        expect(await markProcessed(em, SCHEMA, 'review-scores', 'evt-2')).toBe(true);
        throw new Error('handler failed');
      }),
    ).rejects.toThrow('handler failed');

    expect(await inTransaction(ds, (em) => markProcessed(em, SCHEMA, 'review-scores', 'evt-2'))).toBe(true);
  });

  test('of two concurrent deliveries exactly one wins', async () => {
    const results = await Promise.all(
      [1, 2].map(() =>
        inTransaction(ds, async (em) => {
          const fresh = await markProcessed(em, SCHEMA, 'review-scores', 'evt-3');
          await em.query('SELECT pg_sleep(0.05)');
          return fresh;
        }),
      ),
    );
    expect(results.sort()).toEqual([false, true]);
  });
});
