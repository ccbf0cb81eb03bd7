import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DataSource } from 'typeorm';
import { createDataSource } from '@scorecard/db';
import { freshDatabase, type FreshDatabase } from '@scorecard/testkit';
import { deliverWebhooks, signWebhook } from '../src/app/deliver-webhooks';

// Outgoing webhooks as a receiver sees them: signed, once, and retried only while failing.

let db: FreshDatabase;
let ds: DataSource;
let server: Server;
let base: string;
let failNext = 0;
const received: { path: string; headers: IncomingHttpHeaders; body: string }[] = [];

const SETTINGS = { secret: 'whsec-test', timeoutMs: 2_000, maxAttempts: 2 };

beforeAll(async () => {
  db = await freshDatabase();
  ds = await createDataSource({
    url: db.url,
    schema: 'review',
    applicationName: 'webhook-test',
  }).initialize();
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      if (failNext > 0) {
        failNext -= 1;
        res.writeHead(500).end();
        return;
      }
      received.push({ path: req.url ?? '', headers: req.headers, body });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((r) => server.close(r));
  await ds?.destroy();
  await db?.drop();
});

const enqueue = (path: string, body: unknown) =>
  ds.query(`INSERT INTO review.webhook_deliveries (tenant_id, url, event, body) VALUES ($1, $2, $3, $4)`, [
    'acme',
    `${base}${path}`,
    'period.finalized',
    JSON.stringify(body),
  ]);

describe('outgoing webhooks', () => {
  it('delivers each pending webhook once, signed over timestamp and body', async () => {
    await enqueue('/a', { period_id: 'monthly:2026-10', scorecards: 12 });
    expect(await deliverWebhooks(ds, SETTINGS)).toBe(1);
    expect(await deliverWebhooks(ds, SETTINGS)).toBe(0);
    expect(received).toHaveLength(1);
    const [hook] = received;
    expect(hook?.path).toBe('/a');
    expect(JSON.parse(hook?.body ?? '')).toEqual({ period_id: 'monthly:2026-10', scorecards: 12 });
    expect(hook?.headers['x-scorecard-event']).toBe('period.finalized');
    const ts = String(hook?.headers['x-scorecard-timestamp']);
    expect(hook?.headers['x-scorecard-signature']).toBe(signWebhook('whsec-test', ts, hook?.body ?? ''));
    expect(hook?.headers['x-scorecard-signature']).not.toBe(
      signWebhook('another-secret', ts, hook?.body ?? ''),
    );
  });

  it('retries a failing receiver on the next pass, up to the attempt limit', async () => {
    received.length = 0;
    failNext = 1;
    await enqueue('/b', { n: 1 });
    expect(await deliverWebhooks(ds, SETTINGS)).toBe(0);
    const [row] = await ds.query<{ attempts: number; last_error: string }[]>(
      `SELECT attempts, last_error FROM review.webhook_deliveries WHERE url LIKE '%/b'`,
    );
    expect(row).toEqual({ attempts: 1, last_error: 'HTTP 500' });
    expect(await deliverWebhooks(ds, SETTINGS)).toBe(1);
    expect(received.map((r) => r.path)).toEqual(['/b']);

    failNext = 5;
    await enqueue('/c', { n: 2 });
    expect(await deliverWebhooks(ds, SETTINGS)).toBe(0);
    expect(await deliverWebhooks(ds, SETTINGS)).toBe(0);
    // Two attempts spent: no third try.
    failNext = 0;
    expect(await deliverWebhooks(ds, SETTINGS)).toBe(0);
    expect(received.map((r) => r.path)).toEqual(['/b']);
  });
});
