import { Kafka, logLevel } from 'kafkajs';
import { components } from './components';
import { loadStackConfig } from './config';
import { stackPaths } from './paths';
import { runningPid } from './process';
import { stackStatus, stackUp } from './stack';

// Only meaningful when global setup used the local stack and this stack runs its own processes
// (not env URLs, containers, or a foreign Kafka/registry it found on its ports).
const cfg = loadStackConfig();
const local =
  process.env['SCORECARD_TEST_INFRA'] === 'local-stack' &&
  components(cfg, stackPaths(cfg.stackDir)).every((c) => runningPid(c.process) !== undefined);

(local ? describe : describe.skip)('local stack (as started by global setup)', () => {
  it('reports every process healthy at the URLs the tests use', async () => {
    const status = await stackStatus();
    expect(status.components.map((c) => [c.name, c.healthy])).toEqual([
      ['kafka', true],
      ['registry', true],
    ]);
    expect(status.endpoints.kafkaBrokers.join(',')).toBe(process.env['KAFKA_BROKERS']);
    expect(status.endpoints.schemaRegistryUrl).toBe(process.env['SCHEMA_REGISTRY_URL']);
  });

  it('up is a no-op when everything is healthy: same processes, same endpoints', async () => {
    const before = await stackStatus();
    const lines: string[] = [];
    const up = await stackUp({ log: (line) => lines.push(line) });
    const after = await stackStatus();
    expect(after.components.map((c) => c.pid)).toEqual(before.components.map((c) => c.pid));
    expect(up).toEqual(before.endpoints);
    expect(lines.filter((l) => l.includes('started'))).toEqual([]);
  });

  it('refuses to auto-create topics, so a typo in a topic name fails', async () => {
    const { kafkaBrokers } = (await stackStatus()).endpoints;
    const admin = new Kafka({
      clientId: 'stack-int',
      brokers: kafkaBrokers,
      logLevel: logLevel.NOTHING,
    }).admin();
    await admin.connect();
    try {
      await expect(admin.fetchTopicMetadata({ topics: [`missing-${Date.now()}`] })).rejects.toThrow(
        /does not host this topic-partition/,
      );
    } finally {
      await admin.disconnect();
    }
  });
});
