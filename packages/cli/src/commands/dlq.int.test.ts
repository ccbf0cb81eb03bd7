import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { kafkaBrokers, uniqueTopicPrefix, waitFor } from '@scorecard/testkit';

const BIN = join(__dirname, '..', '..', 'bin', 'scorecard.js');
const cli = (...args: string[]) =>
  spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, KAFKA_BROKERS: kafkaBrokers().join(',') },
    timeout: 60_000,
  });

describe('scorecard dlq', () => {
  const topic = `${uniqueTopicPrefix()}scorecard.source.ticketing.v1`;
  const kafka = new Kafka({ brokers: kafkaBrokers(), logLevel: logLevel.NOTHING });

  beforeAll(async () => {
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({
      waitForLeaders: true,
      topics: [
        { topic, numPartitions: 1 },
        { topic: `${topic}.dlq`, numPartitions: 1 },
      ],
    });
    await admin.disconnect();
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({
      topic: `${topic}.dlq`,
      messages: [
        {
          key: 'T-9',
          value: Buffer.from([0, 0, 0, 0, 1, 0, 8, 1]),
          headers: {
            'event-id': 'e-9',
            'error-code': 'schema_mismatch',
            'error-message': 'writer schema is not the envelope',
            'error-attempts': '1',
            'original-topic': topic,
            'original-partition': '0',
            'original-offset': '41',
            'failed-at': '2026-11-21T00:00:00.000Z',
          },
        },
        {
          // Redriven three times already and still failing: parked, never sent again.
          key: 'T-10',
          value: Buffer.from([0, 0, 0, 0, 1, 0, 8, 2]),
          headers: {
            'event-id': 'e-10',
            'redrive-count': '3',
            'error-code': 'validation',
            'error-message': 'still bad',
            'error-attempts': '1',
            'original-topic': topic,
            'original-partition': '0',
            'original-offset': '42',
            'failed-at': '2026-11-21T00:00:01.000Z',
          },
        },
      ],
    });
    await producer.disconnect();
  });

  it('lists dead letters with their error and origin', () => {
    const out = cli('dlq', 'list', topic, '--json');
    expect(out.status).toBe(0);
    const entries = JSON.parse(out.stdout) as {
      key: string;
      errorCode: string;
      originalOffset: string;
      attempts: number;
      redrives: number;
    }[];
    expect(entries).toEqual([
      expect.objectContaining({
        key: 'T-9',
        errorCode: 'schema_mismatch',
        originalOffset: '41',
        attempts: 1,
        redrives: 0,
      }),
      expect.objectContaining({ key: 'T-10', redrives: 3 }),
    ]);
    expect(cli('dlq', 'list', topic).stdout).toContain('3 redrives, parked');
  });

  it('redrives them to the original topic with the original headers, counted, without the error ones; parks one redriven too often', async () => {
    const out = cli('dlq', 'redrive', topic);
    expect(out.status).toBe(0);
    expect(out.stdout).toContain('redriven 1, skipped 0, parked 1');
    const consumer = kafka.consumer({ groupId: `check-${Date.now()}` });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const got: { key: string | undefined; headers: Record<string, string> }[] = [];
    await consumer.run({
      eachMessage: ({ message }) => {
        got.push({
          key: message.key?.toString(),
          headers: Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)])),
        });
        return Promise.resolve();
      },
    });
    await waitFor(() => got.length > 0, { timeoutMs: 20_000, message: 'the redriven message' });
    await consumer.disconnect();
    expect(got[0]?.key).toBe('T-9');
    expect(got[0]?.headers['event-id']).toBe('e-9');
    expect(got[0]?.headers['error-code']).toBeUndefined();
    expect(got[0]?.headers['redrive-count']).toBe('1');
    expect(got.map((g) => g.key)).toEqual(['T-9']);
  });

  it('refuses a bad limit', () => {
    const out = cli('dlq', 'list', topic, '--limit', 'lots');
    expect(out.status).toBe(1);
    expect(out.stderr).toContain('--limit must be a positive whole number');
  });
});
