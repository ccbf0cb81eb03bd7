import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Kafka, logLevel, type Consumer } from 'kafkajs';
import { createSerde, sourceEventData, type SourceEventMessage } from '@scorecard/contracts';
import { launchServices, type RunningServices } from '@scorecard/stack';
import {
  freshDatabase,
  kafkaBrokers,
  requireEnv,
  uniqueGroupId,
  uniqueTopicPrefix,
  waitFor,
  type FreshDatabase,
} from '@scorecard/testkit';
import { call, devToken } from './support/gateway-client';

// A care provider's first step: its rostering export, through `npx scorecard import` (the real
// CLI process) → gateway → ingest → Kafka. A dry run and a refused file accept nothing; the
// import with --skip-invalid publishes the good rows once; importing again is all duplicates.

const TOPIC_PREFIX = uniqueTopicPrefix();
const TENANT = 'e2e-import';
const run = promisify(execFile);
let db: FreshDatabase;
let services: RunningServices;
let dir: string;
let consumer: Consumer;
const seen: { key: string; tenant: string; data: Record<string, unknown> }[] = [];

beforeAll(async () => {
  db = await freshDatabase();
  dir = mkdtempSync(join(tmpdir(), 'scorecard-import-'));
  services = await launchServices({
    env: {
      DATABASE_URL: db.url,
      KAFKA_BROKERS: kafkaBrokers().join(','),
      SCHEMA_REGISTRY_URL: requireEnv('SCHEMA_REGISTRY_URL'),
      TOPIC_PREFIX,
      LOG_LEVEL: 'warn',
    },
    only: ['gateway', 'ingest'],
    ports: 'free',
    logDir: join(dir, 'logs'),
  });
  const serde = createSerde({ registryUrl: requireEnv('SCHEMA_REGISTRY_URL'), topicPrefix: TOPIC_PREFIX });
  consumer = new Kafka({ brokers: kafkaBrokers(), logLevel: logLevel.NOTHING }).consumer({
    groupId: uniqueGroupId('import-e2e'),
  });
  await consumer.connect();
  await consumer.subscribe({ topic: `${TOPIC_PREFIX}scorecard.source.care.v1`, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      const decoded: SourceEventMessage = await serde.decode(
        'scorecard.source.care.v1',
        message.value ?? Buffer.alloc(0),
      );
      seen.push({
        key: message.key?.toString() ?? '',
        tenant: String(message.headers?.['tenant-id'] ?? ''),
        data: sourceEventData(decoded).data,
      });
    },
  });
}, 180_000);

afterAll(async () => {
  await consumer?.disconnect();
  await services?.stop();
  await db?.drop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const EXPORT = [
  'shift_id,staff_id,client_id,start_at,finish_at,clockin_at,clockout_at,shift_type,status',
  'S-1,w-ana,c-1,05/10/2026 09:00,05/10/2026 13:00,05/10/2026 09:02,05/10/2026 13:00,personal care,Approved',
  'S-2,w-ana,c-2,06/10/2026 09:00,06/10/2026 11:00,,,community access,No Show',
  'S-3,w-ben,c-1,07/10/2026 09:00,07/10/2026 13:00,,,personal care,on strike',
].join('\n');

/** Runs `scorecard import care/shift <file> --preset shiftcare-timesheets …`; resolves with its exit code and output. */
async function cli(...args: string[]): Promise<{ code: number; out: string }> {
  const file = join(dir, 'shifts.csv');
  writeFileSync(file, EXPORT);
  const argv = [
    join(__dirname, '..', 'packages', 'cli', 'bin', 'scorecard.js'),
    'import',
    'care/shift',
    file,
    '--preset',
    'shiftcare-timesheets',
    '--timezone',
    'Australia/Sydney',
    '--gateway',
    services.urls.gateway,
    '--tenant',
    TENANT,
    ...args,
  ];
  try {
    const { stdout } = await run(process.execPath, argv, { timeout: 120_000 });
    return { code: 0, out: stdout };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, out: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

it('a dry run and a refused file report the bad line and accept nothing; --skip-invalid imports the rest once', async () => {
  const dry = await cli('--dry-run');
  expect(dry.code).toBe(1);
  expect(dry.out).toContain(
    'care/shift: 3 rows read, 0 accepted, 0 duplicates, 1 with errors — dry run: 2 would be accepted',
  );
  expect(dry.out).toContain('line 4: status: must be one of scheduled, completed, missed');
  expect(dry.out).toContain('(got "on strike")');

  const refused = await cli();
  expect(refused.code).toBe(1);
  expect(refused.out).toContain('refused (400): 1 of 3 rows are invalid; nothing was imported');
  expect(refused.out).toContain('line 4: status: must be one of');

  // Nothing of the two was claimed: the import accepts both good rows as new.
  const imported = await cli('--skip-invalid');
  expect(imported.code).toBe(0);
  expect(imported.out).toContain('care/shift: 3 rows read, 2 accepted, 0 duplicates, 1 with errors');

  await waitFor(() => (seen.length >= 2 ? true : undefined), {
    timeoutMs: 30_000,
    message: 'two shift events',
  });
  expect(seen.map((s) => s.key).sort()).toEqual(['S-1', 'S-2']);
  expect(seen.every((s) => s.tenant === TENANT)).toBe(true);
  expect(seen.find((s) => s.key === 'S-1')?.data).toMatchObject({
    worker_id: 'w-ana',
    scheduled_start: '2026-10-04T22:00:00.000Z',
    actual_start: '2026-10-04T22:02:00.000Z',
    status: 'completed',
  });
  expect(seen.find((s) => s.key === 'S-2')?.data['status']).toBe('missed');

  const again = await cli('--skip-invalid');
  expect(again.out).toContain('3 rows read, 0 accepted, 2 duplicates, 1 with errors');
  // Nothing more reached the topic.
  await new Promise((r) => setTimeout(r, 2_000));
  expect(seen).toHaveLength(2);
}, 300_000);

it('lets hr and admin import, not a manager', async () => {
  const manager = await devToken(services.urls.gateway, { sub: 'm', roles: ['manager'], tenant_id: TENANT });
  const res = await call(
    services.urls.gateway,
    'POST',
    '/api/v1/ingest/imports/care/shift?preset=shiftcare-timesheets',
    {
      token: manager,
      raw: EXPORT,
      headers: { 'content-type': 'text/csv' },
    },
  );
  expect(res.status).toBe(403);
  const hr = await devToken(services.urls.gateway, { sub: 'h', roles: ['hr'], tenant_id: TENANT });
  const presets = await call<{ presets: { name: string }[] }>(
    services.urls.gateway,
    'GET',
    '/api/v1/ingest/imports/presets',
    {
      token: hr,
    },
  );
  expect(presets.body.presets.map((p) => p.name)).toContain('shiftcare-timesheets');
});
