import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchServices, serviceStatuses, type RunningServices } from '@scorecard/stack';
import {
  freshDatabase,
  kafkaBrokers,
  requireEnv,
  uniqueTopicPrefix,
  waitFor,
  type FreshDatabase,
} from '@scorecard/testkit';

// `npm start` supervises its services as Kubernetes would: a service that dies is started again
// (with backoff) and `scorecard stack status` reads the restarts from the state file.

let db: FreshDatabase;
let services: RunningServices;
let logDir: string;
const progress: string[] = [];

beforeAll(async () => {
  db = await freshDatabase();
  logDir = mkdtempSync(join(tmpdir(), 'scorecard-supervision-logs-'));
  services = await launchServices({
    env: {
      DATABASE_URL: db.url,
      KAFKA_BROKERS: kafkaBrokers().join(','),
      SCHEMA_REGISTRY_URL: requireEnv('SCHEMA_REGISTRY_URL'),
      TOPIC_PREFIX: uniqueTopicPrefix(),
      LOG_LEVEL: 'warn',
    },
    ports: 'free',
    logDir,
    only: ['registry'],
    supervise: true,
    onProgress: (line) => progress.push(line),
  });
});

afterAll(async () => {
  await services?.stop();
  await db?.drop();
  rmSync(logDir, { recursive: true, force: true });
});

const ready = async () => {
  try {
    return (await fetch(`${services.urls.registry}/readyz`, { signal: AbortSignal.timeout(2_000) })).ok;
  } catch {
    return false;
  }
};

it('restarts a service killed with SIGKILL, counts the restart, and stops it for good on stop', async () => {
  const before = services.states().registry;
  expect(before).toMatchObject({ restarts: 0, lastExit: null });
  await services.kill('registry');
  expect(await ready()).toBe(false);

  await waitFor(ready, { timeoutMs: 60_000, message: 'the registry answering again after its restart' });
  const after = services.states().registry;
  expect(after).toMatchObject({ restarts: 1, lastExit: 'signal SIGKILL' });
  expect(after?.pid).not.toBe(before?.pid);
  expect(progress).toContainEqual(
    expect.stringMatching(/^registry exited \(signal SIGKILL\); restarting in 1000 ms/),
  );
  expect(serviceStatuses(logDir)).toEqual([
    expect.objectContaining({ name: 'registry', restarts: 1, running: true, pid: after?.pid }),
  ]);

  await services.stop();
  await new Promise((r) => setTimeout(r, 1_500));
  expect(await ready()).toBe(false);
  expect(serviceStatuses(logDir)).toEqual([expect.objectContaining({ name: 'registry', running: false })]);
});
