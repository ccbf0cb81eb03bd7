import type { SourceEventRecord } from '@scorecard/contracts';
import type { Producer } from '@scorecard/kafka';
import type { SourcePublisher } from '../../app/accept-events';

/**
 * Publishes source events with the idempotent producer, all topics in one produce request; each
 * message's event-id header is its envelope's. `prepare` starts encoding at once, so a batch's
 * Protobuf encoding overlaps its Postgres claim.
 */
export function sourcePublisher(producer: Producer): SourcePublisher {
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
  };
}
