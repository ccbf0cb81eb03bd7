import type { EachBatchPayload, KafkaMessage, LogEntry } from 'kafkajs';
import { Kafka, logLevel } from 'kafkajs';
import { DlqHeader, headersToStrings, type StringHeaders } from '@scorecard/kafka';
import type { Logger } from '@scorecard/telemetry';
import { withRemoteSpan } from '@scorecard/telemetry';
import { applyChangeBatch, type RejectedChange } from '../../app/apply-change-batch';
import type { ConnectorSpec } from '../../domain/connector-spec';
import type { Accept } from '../postgres/transactional-accept';

export interface CdcConsumerOptions {
  brokers: string[];
  groupId: string;
  /** Physical change topics (Debezium's `<prefix>.<schema>.<table>`) with their mappings. */
  topics: readonly ConnectorSpec[];
  accept: Accept;
  logger: Logger;
  /** Partitions of the `<topic>.dlq` topics created here. */
  dlqPartitions: number;
  replicationFactor: number;
  /** Messages mapped and accepted per transaction. */
  maxBatchSize?: number;
  /** Backoff bounds while the broker or database is down. */
  retry?: { initialMs: number; maxMs: number };
}

export interface RunningCdcConsumer {
  joined: Promise<void>;
  stop(): Promise<void>;
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
  });

/**
 * Consumes Debezium JSON change topics. `@scorecard/kafka`'s runner decodes Protobuf catalog topics
 * only, so this small adapter reads external JSON with kafkajs directly but follows the package's
 * conventions: offsets are committed only after the batch's events were accepted (claims committed,
 * broker acks=all), infrastructure failures block the partition and retry with backoff, and a
 * message that cannot be mapped goes to `<topic>.dlq` with the standard error headers while the
 * partition moves on. Tombstones are skipped and committed.
 */
export async function startCdcConsumer(opts: CdcConsumerOptions): Promise<RunningCdcConsumer> {
  const log = opts.logger.child({ component: 'cdc', groupId: opts.groupId });
  const byTopic = new Map(opts.topics.map((t) => [t.input, t]));
  const retry = opts.retry ?? { initialMs: 200, maxMs: 10_000 };
  const maxBatch = opts.maxBatchSize ?? 1_000;
  const stopSignal = new AbortController();
  const kafka = new Kafka({
    clientId: 'ingest-cdc',
    brokers: opts.brokers,
    logLevel: logLevel.WARN,
    logCreator:
      () =>
      ({ level, log: entry }: LogEntry) => {
        const { message, ...fields } = entry;
        if (level <= logLevel.ERROR) log.error(fields, message);
        else log.warn(fields, message);
      },
  });

  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = opts.topics.map((t) => `${t.input}.dlq`).filter((t) => !existing.has(t));
    if (missing.length > 0) {
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((topic) => ({
          topic,
          numPartitions: opts.dlqPartitions,
          replicationFactor: opts.replicationFactor,
        })),
      });
    }
  } finally {
    await admin.disconnect();
  }

  const dlq = kafka.producer({ idempotent: true, maxInFlightRequests: 5 });
  const consumer = kafka.consumer({ groupId: opts.groupId });

  const toDlq = async (
    topic: string,
    partition: number,
    rejected: RejectedChange[],
    messages: KafkaMessage[],
  ) => {
    const byOffset = new Map(messages.map((m) => [m.offset, m]));
    const failedAt = new Date().toISOString();
    await dlq.send({
      topic: `${topic}.dlq`,
      acks: -1,
      messages: rejected.map((r) => {
        const m = byOffset.get(r.offset);
        const headers: StringHeaders = {
          ...headersToStrings(m?.headers),
          [DlqHeader.errorCode]: r.code,
          [DlqHeader.errorMessage]: r.message.slice(0, 2_000),
          [DlqHeader.errorAttempts]: '1',
          [DlqHeader.originalTopic]: topic,
          [DlqHeader.originalPartition]: String(partition),
          [DlqHeader.originalOffset]: r.offset,
          [DlqHeader.failedAt]: failedAt,
        };
        return { key: m?.key ?? null, value: m?.value ?? null, headers };
      }),
    });
    log.warn(
      { topic, partition, offsets: rejected.map((r) => r.offset), codes: rejected.map((r) => r.code) },
      'unmappable changes sent to the DLQ',
    );
  };

  const processChunk = async (topic: string, partition: number, chunk: KafkaMessage[]) => {
    const spec = byTopic.get(topic);
    if (!spec) throw new Error(`no mapping for ${topic}`);
    const first = chunk[0];
    const attrs = {
      'messaging.system': 'kafka',
      'messaging.destination.name': topic,
      'messaging.batch.message_count': chunk.length,
    };
    // The batch continues the trace of its first message, if the producer sent one.
    const result = await withRemoteSpan(headersToStrings(first?.headers), `${topic} process`, attrs, () =>
      applyChangeBatch(
        opts.accept,
        { tenantId: spec.tenantId, mapping: spec.mapping },
        chunk.map((m) => ({ offset: m.offset, value: m.value === null ? null : m.value.toString('utf8') })),
      ),
    );
    if (result.rejected.length > 0) await toDlq(topic, partition, result.rejected, chunk);
    log.info(
      {
        topic,
        partition,
        messages: chunk.length,
        accepted: result.accepted,
        duplicates: result.duplicates,
        skipped: result.skipped,
        dlq: result.rejected.length,
      },
      'changes applied',
    );
  };

  const eachBatch = async (p: EachBatchPayload) => {
    const { topic, partition, messages } = p.batch;
    for (let i = 0; i < messages.length; i += maxBatch) {
      const chunk = messages.slice(i, i + maxBatch);
      for (let attempt = 1; ; attempt++) {
        if (stopSignal.signal.aborted || !p.isRunning() || p.isStale()) return;
        try {
          await processChunk(topic, partition, chunk);
          break;
        } catch (err) {
          // Nothing of the chunk was kept (one transaction); the offset stays, so retry until it passes.
          const delay =
            Math.min(retry.maxMs, retry.initialMs * 2 ** (attempt - 1)) * (0.5 + Math.random() / 2);
          log.warn(
            { err, topic, partition, attempt, delayMs: Math.round(delay) },
            'applying changes failed; retrying',
          );
          await sleep(delay, stopSignal.signal);
          if (!stopSignal.signal.aborted) await p.heartbeat();
        }
      }
      const last = chunk.at(-1);
      if (last) p.resolveOffset(last.offset);
      await p.commitOffsetsIfNecessary(p.uncommittedOffsets());
      await p.heartbeat();
    }
  };

  let markJoined: () => void = () => undefined;
  const joined = new Promise<void>((resolve) => (markJoined = resolve));
  consumer.on(consumer.events.GROUP_JOIN, () => markJoined());
  await dlq.connect();
  await consumer.connect();
  await consumer.subscribe({ topics: opts.topics.map((t) => t.input), fromBeginning: true });
  await consumer.run({ autoCommit: false, eachBatchAutoResolve: false, eachBatch });
  log.info({ topics: opts.topics.map((t) => `${t.input}=${t.mapping.name}`) }, 'CDC consumer started');

  return {
    joined,
    async stop() {
      stopSignal.abort();
      await consumer.disconnect();
      await dlq.disconnect();
    },
  };
}
