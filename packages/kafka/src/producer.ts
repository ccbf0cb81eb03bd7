import type { Producer as KafkaJsProducer } from 'kafkajs';
import { Partitioners } from 'kafkajs';
import type { Serde, TopicMessageInit, TopicName } from '@scorecard/contracts';
import type { Metrics } from '@scorecard/telemetry';
import { SpanKind, withSpan } from '@scorecard/telemetry';
import type { StringHeaders } from './headers';
import { Header, standardHeadersOf } from './headers';
import type { KafkaClient } from './kafka-client';
import { rawKafka } from './kafka-client';

export interface OutgoingMessage<T extends TopicName> {
  key: string;
  message: TopicMessageInit<T>;
  /** Extra or overriding headers (e.g. a given `event-id`). */
  headers?: StringHeaders;
}

/** An outgoing message of any catalog topic: `publishAll` sends mixed topics in one request. */
export type TopicRecord = { [T in TopicName]: { topic: T } & OutgoingMessage<T> }[TopicName];

/** A record whose value is already encoded (outbox relay, DLQ, redrive). */
export interface RawRecord {
  topic: string;
  key: string | null;
  value: Buffer | null;
  headers: StringHeaders;
}

export interface Producer {
  /**
   * Encodes each message through the serde and sends it to `topic` with the standard headers.
   * Resolves once the broker acknowledged every message (acks=all); returns their event ids.
   */
  publish<T extends TopicName>(topic: T, messages: readonly OutgoingMessage<T>[]): Promise<string[]>;
  /** Like `publish`, for messages of several topics at once: one produce request, not one per topic. */
  publishAll(records: readonly TopicRecord[]): Promise<string[]>;
  /**
   * `publishAll` in two steps: encoding starts now (so it can overlap the caller's other work, e.g.
   * a database claim), and `send(keep)` sends the records whose index `keep` accepts, resolving
   * once the broker acknowledged them (acks=all) with their event ids. `cancel()` sends nothing.
   * Call exactly one of them.
   */
  prepareAll(records: readonly TopicRecord[]): PreparedPublish;
  /** Sends already-encoded records, in order, acks=all. */
  sendRaw(records: readonly RawRecord[]): Promise<void>;
  readonly service: string;
  readonly serde: Serde;
  /** Physical name of a catalog topic under the client's prefix. */
  topicName(topic: TopicName): string;
  disconnect(): Promise<void>;
}

export interface PreparedPublish {
  send(keep: (index: number) => boolean): Promise<string[]>;
  cancel(): void;
}

export interface ProducerOptions {
  serde: Serde;
  /** Name of the producing service, sent in the `producer` header. */
  service: string;
  metrics?: Pick<Metrics, 'messagesProduced'>;
}

/** An idempotent kafkajs producer (no duplicates from its own retries), at most 5 requests in flight. */
export function createKafkaJsProducer(kafka: KafkaClient): KafkaJsProducer {
  return rawKafka(kafka).producer({
    idempotent: true,
    maxInFlightRequests: 5,
    // Java's murmur2 partitioner, so a key lands on the same partition whoever produces it.
    createPartitioner: Partitioners.DefaultPartitioner,
  });
}

export async function createProducer(kafka: KafkaClient, opts: ProducerOptions): Promise<Producer> {
  const producer = createKafkaJsProducer(kafka);
  await producer.connect();

  const sendRaw = async (records: readonly RawRecord[]): Promise<void> => {
    if (records.length === 0) return;
    // One topicMessages entry per topic, records in order within it (all Kafka orders). kafkajs
    // would merge several entries of one topic itself, by copying: quadratic when topics interleave.
    const byTopic = new Map<string, { key: string | null; value: Buffer | null; headers: StringHeaders }[]>();
    for (const r of records) {
      const m = { key: r.key, value: r.value, headers: r.headers };
      const messages = byTopic.get(r.topic);
      if (messages) messages.push(m);
      else byTopic.set(r.topic, [m]);
    }
    const topicMessages = [...byTopic].map(([topic, messages]) => ({ topic, messages }));
    await producer.sendBatch({ topicMessages, acks: -1 });
    for (const t of topicMessages) opts.metrics?.messagesProduced.inc({ topic: t.topic }, t.messages.length);
  };
  const prepareAll = (records: readonly TopicRecord[]): PreparedPublish => {
    const physical = new Map([...new Set(records.map((r) => r.topic))].map((t) => [t, kafka.topic(t)]));
    const topics = [...physical.values()];
    let release: (keep: ((index: number) => boolean) | null) => void = () => undefined;
    const gate = new Promise<((index: number) => boolean) | null>((resolve) => (release = resolve));
    const done = withSpan(
      `${topics.length === 1 ? topics[0] : 'kafka'} publish`,
      {
        'messaging.system': 'kafka',
        'messaging.destination.name': topics.join(','),
        'messaging.batch.message_count': records.length,
      },
      async () => {
        // Inside the producer span: traceparent names this span, a child of the caller's trace.
        const headersOf = standardHeadersOf(opts.service);
        const values = await Promise.all(records.map((r) => opts.serde.encode(r.topic, r.message)));
        const keep = await gate;
        if (keep === null) return [];
        const chosen: RawRecord[] = [];
        records.forEach((r, i) => {
          if (!keep(i)) return;
          const headers = headersOf((r.message as { tenantId?: string }).tenantId, r.headers);
          chosen.push({ topic: physical.get(r.topic) ?? '', key: r.key, value: values[i] ?? null, headers });
        });
        await sendRaw(chosen);
        return chosen.map((r) => r.headers[Header.eventId] ?? '');
      },
      SpanKind.PRODUCER,
    );
    // Until `send` hands it to its caller, a failed encoding must not be an unhandled rejection.
    done.catch(() => undefined);
    return {
      send: (keep) => {
        release(keep);
        return done;
      },
      cancel: () => release(null),
    };
  };
  const publishAll = (records: readonly TopicRecord[]): Promise<string[]> =>
    prepareAll(records).send(() => true);

  return {
    service: opts.service,
    serde: opts.serde,
    topicName: (topic) => kafka.topic(topic),
    sendRaw,
    publish: (topic, messages) => publishAll(messages.map((m) => ({ ...m, topic }) as TopicRecord)),
    publishAll,
    prepareAll,
    disconnect: () => producer.disconnect(),
  };
}
