import type { SourceEventRecord } from '@scorecard/contracts';
import type { Producer } from '@scorecard/kafka';
import type { SourcePublisher } from '../../app/accept-events';

/**
 * Publishes source events with the idempotent producer, all topics in one produce request; each
 * message's event-id header is its envelope's.
 */
export function sourcePublisher(producer: Producer): SourcePublisher {
  return {
    async publish(records: readonly SourceEventRecord[]) {
      await producer.publishAll(
        records.map((r) => ({ ...r, headers: { 'event-id': r.message.eventId ?? '' } })),
      );
    },
  };
}
