import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import type { KafkaMessage } from 'kafkajs';
import type { DataSource } from 'typeorm';
import { context, propagation, trace } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { createSerde } from '@scorecard/contracts';
import { randomUUID } from 'node:crypto';
import { createDataSource, ensureDatabase, migrate } from '@scorecard/db';
import { createLogger } from '@scorecard/telemetry';
import { kafkaBrokers, requireEnv, uniqueGroupId, uniqueTopicPrefix, waitFor } from '@scorecard/testkit';
import { createKafka } from '../src';

/** Spans recorded in memory, with W3C propagation, as a service's instrumentation would set up. */
export function recordSpans(): InMemorySpanExporter {
  const exporter = new InMemorySpanExporter();
  trace.setGlobalTracerProvider(
    new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }),
  );
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  return exporter;
}

export const logger = createLogger({ service: 'kafka-int-test', level: process.env.LOG_LEVEL ?? 'silent' });

/** A Kafka client and serde under a topic prefix of their own, so test files never share topics. */
export function testKafka() {
  const topicPrefix = uniqueTopicPrefix();
  const kafka = createKafka({ brokers: kafkaBrokers(), clientId: 'kafka-int-test', logger, topicPrefix });
  const serde = createSerde({ registryUrl: requireEnv('SCHEMA_REGISTRY_URL'), topicPrefix });
  return { kafka, serde, topicPrefix };
}

/**
 * A database of our own with one migrated service schema (outbox, processed_messages). Made with
 * ensureDatabase rather than the testkit template so these tests only need the db package.
 */
export async function testDatabase(schema: string): Promise<{ ds: DataSource; close(): Promise<void> }> {
  const server = requireEnv('DATABASE_URL');
  const url = new URL(server);
  const name = `kafkatest_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  url.pathname = `/${name}`;
  await ensureDatabase(url.toString());
  const dir = await mkdtemp(join(tmpdir(), 'kafka-int-'));
  const ds = createDataSource({
    url: url.toString(),
    schema,
    applicationName: 'kafka-int-test',
    poolSize: 5,
  });
  await migrate(ds, { schema, dir });
  await rm(dir, { recursive: true });
  return {
    ds,
    async close() {
      await ds.destroy();
      const admin = createDataSource({ url: server, schema: 'public', applicationName: 'kafka-int-test' });
      await admin.initialize();
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.destroy();
    },
  };
}

export interface Received {
  topic: string;
  partition: number;
  offset: string;
  key: string | undefined;
  value: Buffer | null;
  headers: Record<string, string>;
}

/** A plain kafkajs reader of physical topics, independent of the code under test. */
export async function collect(topics: string[]) {
  const consumer = new Kafka({
    brokers: kafkaBrokers(),
    clientId: 'kafka-int-reader',
    logLevel: logLevel.NOTHING,
  }).consumer({ groupId: uniqueGroupId('reader') });
  const received: Received[] = [];
  await consumer.connect();
  await consumer.subscribe({ topics, fromBeginning: true });
  await consumer.run({
    eachMessage: ({
      topic,
      partition,
      message,
    }: {
      topic: string;
      partition: number;
      message: KafkaMessage;
    }) => {
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(message.headers ?? {}))
        if (v !== undefined) headers[k] = (Array.isArray(v) ? v[0] : v)?.toString() ?? '';
      received.push({
        topic,
        partition,
        offset: message.offset,
        key: message.key?.toString(),
        value: message.value,
        headers,
      });
      return Promise.resolve();
    },
  });
  return {
    received,
    async waitForCount(n: number, timeoutMs = 30_000) {
      await waitFor(() => received.length >= n, {
        timeoutMs,
        message: `${n} messages on ${topics.join(', ')}`,
      });
      return received;
    },
    stop: () => consumer.disconnect(),
  };
}

export { kafkaBrokers, uniqueGroupId, waitFor };
