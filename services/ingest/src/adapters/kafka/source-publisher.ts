import type { SourceEventRecord } from '@scorecard/contracts';
import type { Producer } from '@scorecard/kafka';
import type { SourcePublisher } from '../../app/accept-events';

/** Publishes source events with the idempotent producer; each message's event-id header is its envelope's. */
export function sourcePublisher(producer: Producer): SourcePublisher {
  return {
    async publish(records: readonly SourceEventRecord[]) {
      const byTopic = new Map<SourceEventRecord['topic'], SourceEventRecord[]>();
      for (const r of records) byTopic.set(r.topic, [...(byTopic.get(r.topic) ?? []), r]);
      await Promise.all(
        [...byTopic.entries()].map(([topic, rs]) =>
          // Each record's message type matches its topic (SourceEventRecord is a union keyed by
          // topic); grouping by topic is beyond what TypeScript can follow, hence the cast.
          producer.publish(
            topic,
            rs.map((r) => ({
              key: r.key,
              message: r.message,
              headers: { 'event-id': r.message.eventId ?? '' },
            })) as never,
          ),
        ),
      );
    },
  };
}
