import type { SourceEventRecord } from '@scorecard/contracts';
import { Header, standardHeaders, type Producer } from '@scorecard/kafka';
import { SpanKind, withSpan } from '@scorecard/telemetry';
import type { EncodedSourcePublisher } from '../../app/accept-events';

/**
 * Publishes source events with the idempotent producer, all topics in one produce request; each
 * message's event-id header is its envelope's. `prepare` starts encoding at once, so a batch's
 * Protobuf encoding overlaps its Postgres claim; `sendEncoded` takes values the batch encoder
 * (a worker thread) already encoded, with the same headers in the same producer span.
 */
export function sourcePublisher(producer: Producer): EncodedSourcePublisher {
  const toRecords = (records: readonly SourceEventRecord[]) =>
    records.map((r) => ({ ...r, headers: { 'event-id': r.message.eventId ?? '' } }));
  return {
    async publish(records) {
      await producer.publishAll(toRecords(records));
    },
    prepare(records) {
      const prepared = producer.prepareAll(toRecords(records));
      return {
        send: async (keep) => {
          await prepared.send(keep);
        },
        cancel: () => prepared.cancel(),
      };
    },
    async sendEncoded(tenantId, records) {
      const topics = [...new Set(records.map((r) => producer.topicName(r.topic)))];
      await withSpan(
        `${topics.length === 1 ? topics[0] : 'kafka'} publish`,
        {
          'messaging.system': 'kafka',
          'messaging.destination.name': topics.join(','),
          'messaging.batch.message_count': records.length,
        },
        async () => {
          // Inside the producer span (traceparent names it); time and trace read once per batch.
          const shared = standardHeaders({ producer: producer.service, tenantId });
          await producer.sendRaw(
            records.map((r) => ({
              topic: producer.topicName(r.topic),
              key: r.key,
              value: r.value,
              headers: { ...shared, [Header.eventId]: r.eventId },
            })),
          );
        },
        SpanKind.PRODUCER,
      );
    },
  };
}
