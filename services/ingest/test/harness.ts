import { join } from 'node:path';
import { Kafka, logLevel, type Consumer } from 'kafkajs';
import type { DataSource } from 'typeorm';
import {
  createSerde,
  sourceDomains,
  sourceTopic,
  sourceEventData,
  type SourceDomain,
  type SourceEventMessage,
} from '@scorecard/contracts';
import { openDatabase } from '@scorecard/db';
import { createKafka, createProducer, ensureTopics, type Producer } from '@scorecard/kafka';
import { createLogger, type Logger } from '@scorecard/telemetry';
import { createTopics, kafkaBrokers, requireEnv, uniqueGroupId } from '@scorecard/testkit';
import { sourcePublisher } from '../src/adapters/kafka/source-publisher';

export const silentLogger: Logger = createLogger({ service: 'ingest-test', level: 'silent' });

/** Ingest's real dependencies on the test's own database and topic prefix. */
export async function ingestDeps(dbUrl: string, prefix: string, brokers = kafkaBrokers()) {
  const ds: DataSource = await openDatabase({
    url: dbUrl,
    schema: 'ingest',
    applicationName: 'ingest-test',
    migrationsDir: join(__dirname, '..', 'migrations'),
  });
  const kafka = createKafka({ brokers, clientId: 'ingest-test', logger: silentLogger, topicPrefix: prefix });
  await ensureTopics(kafka, sourceDomains.map(sourceTopic), { partitions: 3, replicationFactor: 1 });
  const serde = createSerde({ registryUrl: requireEnv('SCHEMA_REGISTRY_URL'), topicPrefix: prefix });
  const producer: Producer = await createProducer(kafka, { serde, service: 'ingest' });
  return {
    ds,
    serde,
    producer,
    publisher: sourcePublisher(producer),
    async close() {
      await producer.disconnect();
      await ds.destroy();
    },
  };
}

export interface SourceEventSeen {
  key: string | undefined;
  headers: Record<string, string>;
  message: SourceEventMessage;
  data: Record<string, unknown>;
}

/** Collects every event on a prefixed source topic, decoded through the registry. */
export async function watchSourceTopic(prefix: string, domain: SourceDomain) {
  const serde = createSerde({ registryUrl: requireEnv('SCHEMA_REGISTRY_URL'), topicPrefix: prefix });
  const seen: SourceEventSeen[] = [];
  const consumer: Consumer = new Kafka({
    clientId: 'watch',
    brokers: kafkaBrokers(),
    logLevel: logLevel.NOTHING,
  }).consumer({ groupId: uniqueGroupId('watch') });
  await consumer.connect();
  await consumer.subscribe({ topic: `${prefix}${sourceTopic(domain)}`, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      const decoded: SourceEventMessage = await serde.decode(
        sourceTopic(domain),
        message.value ?? Buffer.alloc(0),
      );
      const headers = Object.fromEntries(
        Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)]),
      );
      seen.push({
        key: message.key?.toString(),
        headers,
        message: decoded,
        data: sourceEventData(decoded).data,
      });
    },
  });
  return { seen, stop: () => consumer.disconnect() };
}

/** createTopics, retried: a freshly created topic's metadata can briefly race on the local broker. */
export async function createTopicsRetrying(topics: string[], partitions: number): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await createTopics(kafkaBrokers(), topics, partitions);
    } catch (err) {
      if (attempt >= 5) throw err;
      await new Promise((r) => setTimeout(r, 500 * attempt));
    }
  }
}
