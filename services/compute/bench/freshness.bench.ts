// `npm run bench -- freshness`: event ingested → provisional score republished, p95 over 1,000
// events. The compute bench's population (2,000,000 facts, 10,000 people, 20 KPIs) is loaded, the
// period opened and computed once; then the deployed pieces run in-process — the facts consumer, the
// incremental worker and the outbox relay — and 1,000 closed tickets for 1,000 different people are
// published to Kafka at 50/s. Latency: from the publish call to the relay's publication of that
// person's new score (outbox published_at).
import { runConsumer, startOutboxRelay } from '@scorecard/kafka';
import { inTransaction } from '@scorecard/db';
import { createSerde } from '@scorecard/contracts';
import { percentile, reportBench } from '@scorecard/testkit';
import { openPeriod } from '../src/app/open-period';
import { recordSourceEvents } from '../src/app/record-source-events';
import { startDirtyWorker } from '../src/app/recompute-dirty';
import { executeRun } from '../src/app/run-compute';
import { claimRun, requestRun } from '../src/adapters/postgres/runs-store';
import { benchDatabase } from './bench-database';
import { loadConfig, loadFacts, PEOPLE, TENANT } from './bench-data';
import { benchKafka, closedTicket, logger } from './bench-kafka';

const EVENTS = 1_000;
const INTERVAL_MS = 20;

async function main() {
  const db = await benchDatabase('scorecard_bench_freshness');
  const { ds } = db;
  const { kafka, producer, prefix } = await benchKafka();
  const stops: (() => Promise<void>)[] = [];
  try {
    await loadFacts(ds);
    await loadConfig(ds);
    await inTransaction(ds, (em) => openPeriod(em, TENANT, 'monthly', '2026-11-01', 'UTC'));
    await ds.query(`DELETE FROM dirty_scores`);
    await inTransaction(ds, (em) => requestRun(em, TENANT, 'monthly:2026-11', null, 'cli'));
    const run = await inTransaction(ds, (em) => claimRun(em, 60_000));
    await executeRun(ds, run!, { chunkSize: 1_000, now: () => new Date(), logger });
    await ds.query(`UPDATE outbox SET published_at = now() WHERE published_at IS NULL`);

    const serde = createSerde({
      registryUrl: process.env['SCHEMA_REGISTRY_URL'] ?? 'http://127.0.0.1:8081/apis/ccompat/v7',
      topicPrefix: prefix,
    });
    const relay = await startOutboxRelay({ ds, schema: 'compute', producer, logger });
    stops.push(() => relay.stop());
    const consumer = await runConsumer({
      kafka,
      serde,
      logger,
      ds,
      schema: 'compute',
      groupId: `${prefix}compute.facts`,
      topics: ['scorecard.source.ticketing.v1'],
      maxBatchSize: 1_000,
      partitionsConsumedConcurrently: 3,
      batchHandler: (msgs, em) => recordSourceEvents(msgs, em),
    });
    stops.push(() => consumer.stop());
    await consumer.joined;
    const dirty = startDirtyWorker(ds, { limit: 200, pollMs: 100, now: () => new Date(), logger });
    stops.push(() => dirty.stop());

    const sent = new Map<string, number>();
    const since = new Date().toISOString();
    for (let i = 0; i < EVENTS; i++) {
      const employee = `e${String((i * 7) % PEOPLE).padStart(5, '0')}`;
      const e = closedTicket(
        TENANT,
        `fresh-${i}`,
        employee,
        new Date(Date.UTC(2026, 10, 15, 0, 0, i)).toISOString(),
      );
      sent.set(employee, Date.now());
      await producer.publish('scorecard.source.ticketing.v1', [{ key: e.key, message: e.message as never }]);
      await new Promise((r) => setTimeout(r, INTERVAL_MS));
    }
    let rows: { key: string; published: number }[] = [];
    for (let tries = 0; tries < 600; tries++) {
      rows = (
        await ds.query<{ key: string; published: Date }[]>(
          `SELECT key, min(published_at) AS published FROM outbox
           WHERE topic = 'scorecard.score.computed.v1' AND created_at >= $1 AND published_at IS NOT NULL GROUP BY key`,
          [since],
        )
      ).map((r) => ({ key: r.key, published: r.published.getTime() }));
      if (rows.length >= EVENTS) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const latencies = rows.flatMap((r) =>
      sent.has(r.key) ? [r.published - (sent.get(r.key) as number)] : [],
    );
    console.error(
      `${latencies.length}/${EVENTS} republished; p50 ${percentile(latencies, 50)} ms, p99 ${percentile(latencies, 99)} ms`,
    );
    reportBench({ name: 'freshness', value: percentile(latencies, 95), unit: 'ms p95' });
  } finally {
    for (const stop of stops.reverse()) await stop();
    await producer.disconnect();
    await db.drop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
