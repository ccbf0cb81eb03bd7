/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-assignment -- JSON bodies of the API under test */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { createSerde } from '@scorecard/contracts';
import { openDatabase } from '@scorecard/db';
import { identityHeaders } from '@scorecard/http';
import {
  createKafka,
  createProducer,
  ensureTopics,
  runConsumer,
  startOutboxRelay,
  type ConsumedMessage,
} from '@scorecard/kafka';
import { createLogger, createMetrics } from '@scorecard/telemetry';
import {
  freshDatabase,
  kafkaBrokers,
  requireEnv,
  uniqueGroupId,
  uniqueTopicPrefix,
} from '@scorecard/testkit';
import { createRegistryApp } from '../src/adapters/http/registry-app';
import { SCHEMA } from '../src/adapters/postgres/pg-registry-store';

const TOPIC = 'scorecard.registry.changed.v1';
export type Changed = ConsumedMessage<typeof TOPIC>;

/**
 * The registry in-process on port 0 over a fresh database, with the real outbox relay and
 * producer under a topic prefix of its own, and a consumer collecting what it publishes.
 */
export async function startRegistry() {
  const db = await freshDatabase();
  const logger = createLogger({ service: 'registry-int', level: process.env.LOG_LEVEL ?? 'silent' });
  const ds: DataSource = await openDatabase({
    url: db.url,
    schema: SCHEMA,
    applicationName: 'registry-int',
    migrationsDir: join(__dirname, '..', 'migrations'),
  });
  const topicPrefix = uniqueTopicPrefix();
  const kafka = createKafka({ brokers: kafkaBrokers(), clientId: 'registry-int', logger, topicPrefix });
  await ensureTopics(kafka, [TOPIC], { partitions: 1, replicationFactor: 1 });
  const serde = createSerde({ registryUrl: requireEnv('SCHEMA_REGISTRY_URL'), topicPrefix });
  const producer = await createProducer(kafka, { serde, service: 'registry' });
  const relay = await startOutboxRelay({ ds, schema: SCHEMA, producer, logger });
  const received: Changed[] = [];
  const consumer = await runConsumer({
    kafka,
    serde,
    groupId: uniqueGroupId('registry-int'),
    topics: [TOPIC],
    logger,
    fromBeginning: true,
    handler: (msg) => {
      received.push(msg);
      return Promise.resolve();
    },
  });
  const { app } = createRegistryApp({ ds, logger, metrics: createMetrics('registry-int') });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    ds,
    received,
    async stop() {
      await new Promise((resolve) => server.close(resolve));
      await consumer.stop();
      await relay.stop();
      await producer.disconnect();
      await ds.destroy();
      await db.drop();
    },
    /** Calls the registry as `roles` of `tenant`. */
    as(roles: string[], tenantId = 'acme', subject = `${roles.join('+')}-user`) {
      const call = async (method: string, path: string, body?: unknown) => {
        const res = await fetch(base + path, {
          method,
          headers: {
            ...identityHeaders({ subject, tenantId, roles }),
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
        const text = await res.text();
        return {
          status: res.status,
          type: res.headers.get('content-type') ?? '',
          body: (text ? JSON.parse(text) : undefined) as any, // eslint-disable-line @typescript-eslint/no-unnecessary-type-assertion
        };
      };
      return {
        get: (path: string) => call('GET', path),
        post: (path: string, body: unknown = {}) => call('POST', path, body),
        patch: (path: string, body: unknown) => call('PATCH', path, body),
        put: (path: string, body: unknown) => call('PUT', path, body),
      };
    },
    base,
  };
}
