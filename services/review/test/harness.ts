import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { DataSource } from 'typeorm';
import { createSerde, type TopicMessage, type TopicMessageInit, type TopicName } from '@scorecard/contracts';
import { createDataSource } from '@scorecard/db';
import { createServiceApp, identityHeaders, type Identity } from '@scorecard/http';
import {
  createKafka,
  createProducer,
  runConsumer,
  startOutboxRelay,
  type RunningConsumer,
} from '@scorecard/kafka';
import { createLogger, createMetrics } from '@scorecard/telemetry';
import {
  createTopics,
  freshDatabase,
  kafkaBrokers,
  requireEnv,
  uniqueTopicPrefix,
  waitFor,
  type FreshDatabase,
} from '@scorecard/testkit';
import { reviewHttpRoutes } from '../src/adapters/http/routes';
import { startReviewConsumers } from '../src/adapters/kafka/consumers';

const TOPICS: TopicName[] = [
  'scorecard.source.hr.v1',
  'scorecard.registry.changed.v1',
  'scorecard.score.computed.v1',
  'scorecard.review.changed.v1',
  'scorecard.period.finalized.v1',
  'scorecard.payroll.bonus.v1',
  'scorecard.learning.recommendation.v1',
  'scorecard.notification.v1',
];

export interface Received<T extends TopicName> {
  key: string | undefined;
  value: TopicMessage<T>;
}

/**
 * Review in-process against real Postgres (a fresh clone of the template), Kafka (a unique topic
 * prefix) and the schema registry: the HTTP app on port 0, its consumers, its outbox relay, and
 * collectors on every topic it produces.
 */
export async function startReview(opts: { webhookUrls?: string[] } = {}) {
  const db: FreshDatabase = await freshDatabase();
  const prefix = uniqueTopicPrefix();
  await createTopics(
    kafkaBrokers(),
    TOPICS.flatMap((t) => [`${prefix}${t}`, `${prefix}${t}.dlq`]),
  );
  const logger = createLogger({ service: 'review-test', level: 'warn' });
  const metrics = createMetrics('review_test');
  const ds: DataSource = createDataSource({ url: db.url, schema: 'review', applicationName: 'review-test' });
  await ds.initialize();
  const kafka = createKafka({
    brokers: kafkaBrokers(),
    clientId: 'review-test',
    logger,
    topicPrefix: prefix,
  });
  const registryUrl = requireEnv('SCHEMA_REGISTRY_URL');
  const serde = createSerde({ registryUrl, topicPrefix: prefix });
  const producer = await createProducer(kafka, { serde, service: 'review-test' });
  const relay = await startOutboxRelay({ ds, schema: 'review', producer, logger, pollIntervalMs: 200 });
  const consumers: RunningConsumer[] = await startReviewConsumers({
    kafka,
    serde,
    ds,
    logger,
    metrics,
    topicPrefix: prefix,
  });

  const received = new Map<TopicName, Received<TopicName>[]>();
  const outputs: TopicName[] = [
    'scorecard.review.changed.v1',
    'scorecard.period.finalized.v1',
    'scorecard.payroll.bonus.v1',
    'scorecard.learning.recommendation.v1',
    'scorecard.notification.v1',
  ];
  for (const t of outputs) received.set(t, []);
  consumers.push(
    await runConsumer({
      kafka,
      serde,
      logger,
      groupId: `${prefix}review-test.collector`,
      topics: outputs,
      handler: (m) => {
        received.get(m.topic)?.push({ key: m.key, value: m.value });
        return Promise.resolve();
      },
    }),
  );
  await Promise.all(consumers.map((c) => c.joined));

  let clock = Date.now();
  const { app } = createServiceApp({
    service: 'review',
    logger,
    metrics,
    readiness: [],
    routes: reviewHttpRoutes(ds, { webhookUrls: opts.webhookUrls ?? [], now: () => new Date(clock) }),
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    ds,
    prefix,
    registryUrl,
    dbUrl: db.url,
    /** Moves the clock the app uses for approvals and escalation. */
    advanceDays(days: number) {
      clock += days * 86_400_000;
    },
    async call(
      method: string,
      path: string,
      who: Identity,
      body?: unknown,
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests assert on untyped JSON
    ): Promise<{ status: number; body: any }> {
      const res = await fetch(`${base}/api/v1${path}`, {
        method,
        headers: {
          ...identityHeaders(who),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await res.text();
      return { status: res.status, body: text === '' ? null : (JSON.parse(text) as unknown) };
    },
    async publish<T extends TopicName>(
      topic: T,
      key: string,
      message: TopicMessageInit<T>,
      tenantId: string,
    ) {
      await producer.publish(topic, [{ key, message, headers: { 'tenant-id': tenantId } }]);
    },
    received<T extends TopicName>(topic: T): Received<T>[] {
      return received.get(topic) ?? [];
    },
    async sql<R = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<R[]> {
      return ds.query<R[]>(text, params);
    },
    waitFor,
    async stop() {
      await new Promise((r) => server.close(r));
      await Promise.all(consumers.map((c) => c.stop()));
      await relay.stop();
      await producer.disconnect();
      await ds.destroy();
      await db.drop();
    },
  };
}

export type ReviewHarness = Awaited<ReturnType<typeof startReview>>;
