import type { DataSource, EntityManager } from 'typeorm';
import type { JsonValue } from '@scorecard/contracts';
import { isTopicName, messageFromJson } from '@scorecard/contracts';
import { inTransaction, outboxChannel } from '@scorecard/db';
import type { Logger } from '@scorecard/telemetry';
import { SpanKind, withRemoteSpan } from '@scorecard/telemetry';
import { backoffDelay, sleep } from './backoff';
import type { StringHeaders } from './headers';
import { createOutboxListener } from './outbox-listener';
import type { Producer, RawRecord } from './producer';

export interface OutboxRelayOptions {
  ds: DataSource;
  /** The service schema holding `outbox`. */
  schema: string;
  producer: Producer;
  logger: Logger;
  /** Rows per transaction (default 500). */
  batchSize?: number;
  /** Fallback poll when no NOTIFY arrives (default 5 000 ms). */
  pollIntervalMs?: number;
  /** How long stop() keeps draining pending rows (default 10 000 ms). */
  drainTimeoutMs?: number;
}

export interface OutboxRelay {
  /** Publishes what is pending, then stops listening. */
  stop(): Promise<void>;
}

interface OutboxRow {
  id: string;
  topic: string;
  key: string;
  payload: JsonValue;
  headers: StringHeaders;
}

/**
 * Publishes `<schema>.outbox` rows in id order with the idempotent producer (acks=all) and marks
 * them published in the same transaction that locked them (`FOR UPDATE SKIP LOCKED`, so replicas
 * share the work). A crash between the broker ack and the commit republishes the batch: delivery is
 * at-least-once and consumers dedupe on `event-id`. Within one relay the order is the id order;
 * across replicas batches can interleave, which per-entity versions make harmless downstream.
 * Wakes on `LISTEN <schema>_outbox`, with a slow poll as a fallback.
 */
export async function startOutboxRelay(opts: OutboxRelayOptions): Promise<OutboxRelay> {
  const { ds, schema, producer } = opts;
  const log = opts.logger.child({ component: 'outbox-relay', schema });
  const batchSize = opts.batchSize ?? 500;
  const pollIntervalMs = opts.pollIntervalMs ?? 5_000;
  const table = `"${schema}".outbox`;
  const channel = outboxChannel(schema);

  // `wake` ends the idle wait (NOTIFY, stop); `stopped` only ends a failure backoff.
  let wake: AbortController = new AbortController();
  const signal = () => wake.abort();
  const stopped = new AbortController();
  const stopping = () => stopped.signal.aborted;

  const listener = createOutboxListener(ds, channel, signal, log);
  await listener.ensure();

  const publishBatch = async (em: EntityManager): Promise<number> => {
    const rows: OutboxRow[] = await em.query(
      `SELECT id, topic, key, payload, headers FROM ${table}
       WHERE published_at IS NULL ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [batchSize],
    );
    if (rows.length === 0) return 0;
    const records = await Promise.all(rows.map((row) => toRecord(row)));
    const sent = producer.sendRaw(records);
    // One producer span per row, continuing the trace captured when the row was enqueued.
    await Promise.all(
      rows.map((row, i) =>
        withRemoteSpan(
          row.headers,
          `${records[i]?.topic ?? row.topic} publish`,
          { 'messaging.system': 'kafka', 'outbox.id': row.id },
          () => sent,
          SpanKind.PRODUCER,
        ),
      ),
    );
    await em.query(`UPDATE ${table} SET published_at = now() WHERE id = ANY($1::bigint[])`, [
      rows.map((r) => r.id),
    ]);
    return rows.length;
  };

  const toRecord = async (row: OutboxRow): Promise<RawRecord> => {
    if (!isTopicName(row.topic)) throw new Error(`outbox row ${row.id}: ${row.topic} is not a catalog topic`);
    const value = await producer.serde.encode(row.topic, messageFromJson(row.topic, row.payload));
    // The catalog topic under this process's prefix; the headers are the ones captured at enqueue time.
    return { topic: producer.topicName(row.topic), key: row.key, value, headers: row.headers };
  };

  const loop = async () => {
    let failures = 0;
    const drainDeadline = () => Date.now() + (opts.drainTimeoutMs ?? 10_000);
    let deadline = Infinity;
    for (;;) {
      if (stopping() && deadline === Infinity) deadline = drainDeadline();
      if (Date.now() > deadline) return log.warn('outbox drain timed out; rows stay for the next start');
      let published = 0;
      try {
        published = await inTransaction(ds, publishBatch);
        failures = 0;
      } catch (err) {
        failures++;
        if (stopping())
          return log.error({ err }, 'outbox publish failed while stopping; rows stay for the next start');
        log.error({ err, failures }, 'outbox publish failed; retrying');
        await sleep(backoffDelay(failures, { initialMs: 200, maxMs: 10_000 }), stopped.signal);
        continue;
      }
      if (published === batchSize) continue;
      if (stopping()) return;
      await listener.ensure();
      await sleep(pollIntervalMs, wake.signal);
      wake = new AbortController();
    }
  };

  const running = loop();
  log.info({ channel, batchSize }, 'outbox relay started');

  return {
    async stop() {
      stopped.abort();
      signal();
      await running;
      await listener.close();
      log.info('outbox relay stopped');
    },
  };
}
