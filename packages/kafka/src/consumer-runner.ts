import type { EachBatchPayload, KafkaMessage } from 'kafkajs';
import type { DataSource, EntityManager } from 'typeorm';
import type { Serde, TopicMessage, TopicName } from '@scorecard/contracts';
import { DecodeError, dlqTopic, logicalTopic } from '@scorecard/contracts';
import { inTransaction, markProcessed } from '@scorecard/db';
import type { Logger, Metrics } from '@scorecard/telemetry';
import { withRemoteSpan } from '@scorecard/telemetry';
import { backoffDelay, sleep } from './backoff';
import { classifyFailure, errorCode } from './failure-policy';
import type { StringHeaders } from './headers';
import { DlqHeader, Header, headersToStrings } from './headers';
import type { KafkaClient } from './kafka-client';
import { rawKafka } from './kafka-client';
import { markProcessedMany } from './processed-batch';
import { createKafkaJsProducer } from './producer';

export interface ConsumedMessage<T extends TopicName = TopicName> {
  /** Catalog topic (unprefixed). */
  topic: T;
  partition: number;
  offset: string;
  key: string | undefined;
  value: TopicMessage<T>;
  headers: StringHeaders;
  /** `event-id` header (or topic:partition:offset when a foreign producer sent none). */
  eventId: string;
  tenantId: string | undefined;
}

/** A consumed message of one of the subscribed topics, discriminated by `topic`. */
export type Consumed<T extends TopicName> = { [K in T]: ConsumedMessage<K> }[T];

export interface RetryOptions {
  /** Attempts for application-retryable errors before the DLQ (infrastructure errors retry forever). */
  maxAttempts: number;
  initialMs: number;
  maxMs: number;
}

interface BaseOptions<T extends TopicName> {
  kafka: KafkaClient;
  serde: Serde;
  groupId: string;
  topics: readonly T[];
  logger: Logger;
  metrics?: Pick<Metrics, 'messagesConsumed'>;
  retry?: RetryOptions;
  /** Messages per batchHandler call / transaction (default 1 000). */
  maxBatchSize?: number;
  /** Partitions processed in parallel (default 1); order holds within each partition. */
  partitionsConsumedConcurrently?: number;
  /** Where a new group starts (default true: from the beginning). */
  fromBeginning?: boolean;
}

type Handlers<T extends TopicName, Tx> =
  | { handler: (message: Consumed<T>, tx: Tx) => Promise<void>; batchHandler?: undefined }
  | { batchHandler: (messages: Consumed<T>[], tx: Tx) => Promise<void>; handler?: undefined };

/**
 * With `ds` + `schema` each handler call runs in a transaction that also records the event ids
 * (dedupe); without, the handler must be idempotent on its own.
 */
export type ConsumerOptions<T extends TopicName> = BaseOptions<T> &
  (
    | ({ ds: DataSource; schema: string } & Handlers<T, EntityManager>)
    | ({ ds?: undefined; schema?: undefined } & Handlers<T, undefined>)
  );

export interface RunningConsumer {
  /** Resolves once the consumer joined its group (partitions assigned). */
  joined: Promise<void>;
  /** Stops fetching, lets in-flight handlers finish and commit, then disconnects. */
  stop(): Promise<void>;
}

type Outcome = 'done' | 'aborted';
/** The fetched batch's hooks: keep the group membership alive, and whether to give the batch up. */
interface BatchContext {
  heartbeat(): Promise<void>;
  abandoned(): boolean;
}
type Attempt<R> = { ok: true; value: R } | { ok: false; err: unknown; attempts: number } | 'aborted';

const DEFAULT_RETRY: RetryOptions = { maxAttempts: 5, initialMs: 200, maxMs: 30_000 };

/**
 * Runs a consumer group over catalog topics. Per partition, in order: decode (undecodable values go
 * straight to `<topic>.dlq`), run the handler (one message, or up to `maxBatchSize` with
 * `batchHandler`) in a transaction that records the event ids, then commit the offsets — so side
 * effects, dedupe and progress move together and delivery is at-least-once, effect exactly-once.
 * Failures follow `classifyFailure`: infrastructure errors block the partition and retry with
 * backoff until they pass; application-retryable ones retry `maxAttempts` times; the rest go to
 * the DLQ with the original key, value and headers plus error headers, and the partition moves on.
 * A failed batch is replayed one message at a time, so only the poison message is dead-lettered.
 */
export async function runConsumer<T extends TopicName>(opts: ConsumerOptions<T>): Promise<RunningConsumer> {
  const { kafka, serde, groupId } = opts;
  const retry = opts.retry ?? DEFAULT_RETRY;
  const chunkSize = opts.batchHandler ? (opts.maxBatchSize ?? 1_000) : 1;
  const log = opts.logger.child({ component: 'consumer', groupId });
  const stopSignal = new AbortController();
  const stopping = () => stopSignal.signal.aborted;

  const consumer = rawKafka(kafka).consumer({ groupId });
  const dlqProducer = createKafkaJsProducer(kafka);
  const count = (topic: string, outcome: 'ok' | 'duplicate' | 'dlq' | 'retry', n = 1) =>
    n > 0 && opts.metrics?.messagesConsumed.inc({ topic, outcome }, n);

  const attempt = async <R>(
    what: string,
    topic: string,
    fn: () => Promise<R>,
    ctx: BatchContext,
  ): Promise<Attempt<R>> => {
    for (let n = 1; ; n++) {
      // Stopping, or the partition was revoked: leave the message uncommitted for its next owner.
      if (ctx.abandoned()) return 'aborted';
      try {
        return { ok: true, value: await fn() };
      } catch (err) {
        const action = classifyFailure(err);
        if (action === 'dlq' || (action === 'retry-limited' && n >= retry.maxAttempts))
          return { ok: false, err, attempts: n };
        const delay = backoffDelay(n, retry);
        count(topic, 'retry');
        log.warn({ err, topic, attempt: n, delayMs: delay, action }, `${what} failed; retrying`);
        await sleep(delay, stopSignal.signal);
        // A rebalance error propagates: kafkajs rejoins and refetches from the committed offset.
        if (!stopping()) await ctx.heartbeat();
      }
    }
  };

  const toDlq = async (
    physical: string,
    partition: number,
    m: KafkaMessage,
    err: unknown,
    attempts: number,
  ) => {
    const headers: StringHeaders = {
      ...headersToStrings(m.headers),
      [DlqHeader.errorCode]: errorCode(err),
      [DlqHeader.errorMessage]: (err instanceof Error ? err.message : String(err)).slice(0, 2_000),
      [DlqHeader.errorAttempts]: String(attempts),
      [DlqHeader.originalTopic]: physical,
      [DlqHeader.originalPartition]: String(partition),
      [DlqHeader.originalOffset]: m.offset,
      [DlqHeader.failedAt]: new Date().toISOString(),
    };
    await dlqProducer.send({
      topic: dlqTopic(physical),
      acks: -1,
      messages: [{ key: m.key, value: m.value, headers }],
    });
    log.error({ err, topic: physical, partition, offset: m.offset, attempts }, 'message sent to the DLQ');
  };

  const decode = async (
    topic: T,
    physical: string,
    partition: number,
    m: KafkaMessage,
  ): Promise<Consumed<T>> => {
    if (!m.value) throw new DecodeError('truncated', 'empty value (tombstone)');
    const headers = headersToStrings(m.headers);
    return {
      topic,
      partition,
      offset: m.offset,
      key: m.key?.toString(),
      value: await serde.decode(topic, m.value),
      headers,
      eventId: headers[Header.eventId] ?? `${physical}:${partition}:${m.offset}`,
      tenantId: headers[Header.tenantId],
    } as Consumed<T>;
  };

  // Runs the handler over `messages` (already decoded) in one transaction; returns how many were new.
  const handle = async (messages: Consumed<T>[]): Promise<number> => {
    const first = messages[0];
    if (!first) return 0;
    const attrs = {
      'messaging.system': 'kafka',
      'messaging.destination.name': first.topic,
      'messaging.consumer.group.name': groupId,
      'messaging.batch.message_count': messages.length,
    };
    // A batch continues the trace of its first message.
    return withRemoteSpan(first.headers, `${first.topic} process`, attrs, async () => {
      if (opts.ds === undefined) {
        if (opts.batchHandler) await opts.batchHandler(messages, undefined);
        else await opts.handler(first, undefined);
        return messages.length;
      }
      const { ds, schema } = opts;
      return inTransaction(ds, async (em) => {
        if (opts.batchHandler) {
          const fresh = await markProcessedMany(
            em,
            schema,
            groupId,
            messages.map((m) => m.eventId),
          );
          const seen = new Set<string>();
          const todo = messages.filter(
            (m) => fresh.has(m.eventId) && !seen.has(m.eventId) && seen.add(m.eventId),
          );
          if (todo.length > 0) await opts.batchHandler(todo, em);
          return todo.length;
        }
        if (!(await markProcessed(em, schema, groupId, first.eventId))) return 0;
        await opts.handler(first, em);
        return 1;
      });
    });
  };

  const processChunk = async (
    physical: string,
    partition: number,
    chunk: KafkaMessage[],
    ctx: BatchContext,
  ): Promise<Outcome> => {
    const topic = logicalTopic(physical, kafka.topicPrefix) as T | undefined;
    const good: Consumed<T>[] = [];
    const poison: { m: KafkaMessage; err: unknown }[] = [];
    const decoded = await attempt(
      'decode',
      physical,
      async () => {
        good.length = 0;
        poison.length = 0;
        for (const m of chunk) {
          try {
            if (!topic)
              throw new DecodeError(
                'unknown_topic',
                `${physical} is not a catalog topic under prefix "${kafka.topicPrefix}"`,
              );
            good.push(await decode(topic, physical, partition, m));
          } catch (err) {
            if (!(err instanceof DecodeError)) throw err;
            poison.push({ m, err });
          }
        }
      },
      ctx,
    );
    if (decoded === 'aborted') return 'aborted';
    // The registry refused (not a transient failure): nothing in this chunk can be decoded.
    if (!decoded.ok) poison.splice(0, poison.length, ...chunk.map((m) => ({ m, err: decoded.err })));
    for (const p of poison) {
      const sent = await attempt('dlq', physical, () => toDlq(physical, partition, p.m, p.err, 1), ctx);
      if (sent === 'aborted') return 'aborted';
      count(physical, 'dlq');
    }
    if (good.length === 0) return 'done';

    const handled = await attempt('handler', physical, () => handle(good), ctx);
    if (handled === 'aborted') return 'aborted';
    if (handled.ok) {
      count(physical, 'ok', handled.value);
      count(physical, 'duplicate', good.length - handled.value);
      return 'done';
    }
    if (good.length > 1) {
      // Isolate the poison message: replay one by one, each in its own transaction.
      for (const g of good) {
        const raw = chunk.find((m) => m.offset === g.offset);
        if (raw && (await processChunk(physical, partition, [raw], ctx)) === 'aborted') return 'aborted';
      }
      return 'done';
    }
    const raw = chunk.find((m) => m.offset === good[0]?.offset);
    if (!raw) return 'done';
    const sent = await attempt(
      'dlq',
      physical,
      () => toDlq(physical, partition, raw, handled.err, handled.attempts),
      ctx,
    );
    if (sent === 'aborted') return 'aborted';
    count(physical, 'dlq');
    return 'done';
  };

  const eachBatch = async (p: EachBatchPayload) => {
    const { batch } = p;
    const ctx: BatchContext = {
      heartbeat: () => p.heartbeat(),
      abandoned: () => stopping() || !p.isRunning() || p.isStale(),
    };
    try {
      for (let i = 0; i < batch.messages.length; i += chunkSize) {
        if (ctx.abandoned()) return;
        const chunk = batch.messages.slice(i, i + chunkSize);
        // Unresolved messages are fetched again after a restart or rebalance.
        if ((await processChunk(batch.topic, batch.partition, chunk, ctx)) === 'aborted') return;
        const last = chunk.at(-1);
        if (last) p.resolveOffset(last.offset);
        await p.heartbeat();
      }
    } finally {
      // One commit per fetched batch (and on the way out): what was resolved is already committed in
      // Postgres, so a crash before this commit only redelivers messages the dedupe table skips.
      if (!p.isStale()) {
        await p
          .commitOffsetsIfNecessary(p.uncommittedOffsets())
          .catch((err: unknown) =>
            log.warn(
              { err, topic: batch.topic, partition: batch.partition },
              'offset commit failed; messages will be redelivered',
            ),
          );
      }
    }
  };

  let markJoined: () => void = () => undefined;
  const joined = new Promise<void>((resolve) => (markJoined = resolve));
  consumer.on(consumer.events.GROUP_JOIN, () => markJoined());
  consumer.on(consumer.events.CRASH, (e) =>
    log.error({ err: e.payload.error, restart: e.payload.restart }, 'consumer crashed'),
  );

  await dlqProducer.connect();
  await consumer.connect();
  await consumer.subscribe({
    topics: opts.topics.map((t) => kafka.topic(t)),
    fromBeginning: opts.fromBeginning ?? true,
  });
  await consumer.run({
    autoCommit: false,
    eachBatchAutoResolve: false,
    partitionsConsumedConcurrently: opts.partitionsConsumedConcurrently ?? 1,
    eachBatch,
  });
  log.info({ topics: opts.topics }, 'consumer started');

  return {
    joined,
    async stop() {
      stopSignal.abort();
      await consumer.disconnect();
      await dlqProducer.disconnect();
      log.info('consumer stopped');
    },
  };
}
