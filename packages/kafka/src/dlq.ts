import { randomUUID } from 'node:crypto';
import type { Admin, Consumer, EachBatchPayload, KafkaMessage } from 'kafkajs';
import type { StringHeaders } from './headers';
import { DlqHeader, REDRIVE_COUNT_HEADER, dlqHeaderNames, headersToStrings } from './headers';
import type { KafkaClient } from './kafka-client';
import { rawKafka } from './kafka-client';
import { createKafkaJsProducer } from './producer';

export interface DlqEntry {
  partition: number;
  offset: string;
  key: string | undefined;
  /** Size of the original value in bytes (the value itself is Protobuf). */
  valueBytes: number;
  errorCode: string | undefined;
  errorMessage: string | undefined;
  attempts: number | undefined;
  /** Times the message was redriven before this dead letter (0 for a first failure). */
  redrives: number;
  originalTopic: string | undefined;
  originalPartition: number | undefined;
  originalOffset: string | undefined;
  failedAt: string | undefined;
  headers: StringHeaders;
}

const num = (v: string | undefined) => (v === undefined ? undefined : Number(v));

function toEntry(partition: number, m: KafkaMessage): DlqEntry {
  const headers = headersToStrings(m.headers);
  return {
    partition,
    offset: m.offset,
    key: m.key?.toString(),
    valueBytes: m.value?.length ?? 0,
    errorCode: headers[DlqHeader.errorCode],
    errorMessage: headers[DlqHeader.errorMessage],
    attempts: num(headers[DlqHeader.errorAttempts]),
    redrives: num(headers[REDRIVE_COUNT_HEADER]) ?? 0,
    originalTopic: headers[DlqHeader.originalTopic],
    originalPartition: num(headers[DlqHeader.originalPartition]),
    originalOffset: headers[DlqHeader.originalOffset],
    failedAt: headers[DlqHeader.failedAt],
    headers,
  };
}

/** Offset (exclusive) each partition must reach: the high watermarks at start. */
async function endOffsets(admin: Admin, topic: string, groupId: string): Promise<Map<number, bigint>> {
  const [ends, committed] = await Promise.all([
    admin.fetchTopicOffsets(topic),
    admin.fetchOffsets({ groupId, topics: [topic] }),
  ]);
  const start = new Map((committed[0]?.partitions ?? []).map((p) => [p.partition, BigInt(p.offset)]));
  const remaining = new Map<number, bigint>();
  for (const p of ends) {
    const from = start.get(p.partition) ?? -1n;
    const begin = from >= 0n ? from : BigInt(p.low);
    if (BigInt(p.high) > begin) remaining.set(p.partition, BigInt(p.high));
  }
  return remaining;
}

// Give up waiting when nothing arrives for this long (e.g. the tail is transaction markers).
const IDLE_MS = 15_000;

/**
 * Reads `topic` with `groupId` from where the group left off (or the beginning) up to the high
 * watermarks seen at start, or `limit` messages, or until nothing arrived for a while.
 */
async function readToEnd(
  kafka: KafkaClient,
  topic: string,
  groupId: string,
  limit: number,
  onMessage: (partition: number, m: KafkaMessage, payload: EachBatchPayload) => Promise<void>,
): Promise<number> {
  const k = rawKafka(kafka);
  const admin = k.admin();
  await admin.connect();
  let consumer: Consumer | undefined;
  try {
    const ends = await endOffsets(admin, topic, groupId);
    if (ends.size === 0 || limit <= 0) return 0;
    consumer = k.consumer({ groupId });
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    let seen = 0;
    await new Promise<void>((resolve, reject) => {
      let idle = setTimeout(resolve, IDLE_MS);
      const finish = () => {
        clearTimeout(idle);
        if (ends.size === 0 || seen >= limit) resolve();
        else idle = setTimeout(resolve, IDLE_MS);
      };
      consumer
        ?.run({
          autoCommit: false,
          eachBatchAutoResolve: false,
          eachBatch: async (payload) => {
            const { batch } = payload;
            const end = ends.get(batch.partition);
            for (const m of batch.messages) {
              if (end === undefined || BigInt(m.offset) >= end || seen >= limit) break;
              await onMessage(batch.partition, m, payload);
              seen++;
              if (BigInt(m.offset) + 1n >= end) ends.delete(batch.partition);
            }
            finish();
          },
        })
        .catch(reject);
    });
    return seen;
  } finally {
    await consumer?.disconnect();
    await admin.disconnect();
  }
}

/** The first `limit` messages of a DLQ topic (physical name), without consuming them. */
export async function listDlq(
  kafka: KafkaClient,
  dlqTopic: string,
  { limit = 100 }: { limit?: number } = {},
): Promise<DlqEntry[]> {
  const groupId = `scorecard-dlq-list-${randomUUID()}`;
  const entries: DlqEntry[] = [];
  try {
    await readToEnd(kafka, dlqTopic, groupId, limit, (partition, m) => {
      entries.push(toEntry(partition, m));
      return Promise.resolve();
    });
  } finally {
    const admin = rawKafka(kafka).admin();
    await admin.connect();
    // The throwaway group committed nothing, but the broker still lists it until deleted.
    await admin.deleteGroups([groupId]).catch(() => undefined);
    await admin.disconnect();
  }
  return entries.sort((a, b) => a.partition - b.partition || Number(BigInt(a.offset) - BigInt(b.offset)));
}

/** Redrives of one message before it is parked: a message that keeps failing must not loop for ever. */
export const MAX_REDRIVES = 3;

/**
 * Republishes up to `limit` DLQ messages to their `original-topic` with the original key, value and
 * headers (error headers removed, `redrive-count` raised by one), committing each DLQ offset after
 * the broker acknowledged the copy. Progress is kept by the consumer group
 * `scorecard-redrive.<dlqTopic>`, so a message is redriven once; if it fails again the consumer
 * dead-letters it anew with the count. A message already redriven `maxRedrives` times is parked:
 * left in the DLQ (still listed) and not sent again.
 */
export async function redrive(
  kafka: KafkaClient,
  dlqTopic: string,
  { limit = 100, maxRedrives = MAX_REDRIVES }: { limit?: number; maxRedrives?: number } = {},
): Promise<{ redriven: number; skipped: number; parked: number }> {
  const producer = createKafkaJsProducer(kafka);
  await producer.connect();
  let skipped = 0;
  let parked = 0;
  try {
    const seen = await readToEnd(
      kafka,
      dlqTopic,
      `scorecard-redrive.${dlqTopic}`,
      limit,
      async (partition, m, payload) => {
        const headers = headersToStrings(m.headers);
        const target = headers[DlqHeader.originalTopic];
        const redrives = num(headers[REDRIVE_COUNT_HEADER]) ?? 0;
        if (!target) {
          skipped++;
        } else if (redrives >= maxRedrives) {
          parked++;
        } else {
          const original = Object.fromEntries(
            Object.entries(headers).filter(([k]) => !dlqHeaderNames.has(k)),
          );
          await producer.send({
            topic: target,
            acks: -1,
            messages: [
              {
                key: m.key,
                value: m.value,
                headers: { ...original, [REDRIVE_COUNT_HEADER]: String(redrives + 1) },
              },
            ],
          });
        }
        payload.resolveOffset(m.offset);
        await payload.commitOffsetsIfNecessary({
          topics: [
            { topic: dlqTopic, partitions: [{ partition, offset: (BigInt(m.offset) + 1n).toString() }] },
          ],
        });
      },
    );
    return { redriven: seen - skipped - parked, skipped, parked };
  } finally {
    await producer.disconnect();
  }
}
