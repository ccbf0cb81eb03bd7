// `npm run bench -- facts`: source events per second consumed from Kafka into the fact tables —
// the compute consumer as deployed (batches of 1,000 per transaction with dedupe, 3 partitions in
// parallel, validity intervals, fact links, dirty marking against an open period). 100,000 ticket
// events are produced first (not timed), then the consumer drains them.
import { runConsumer } from '@scorecard/kafka';
import { inTransaction } from '@scorecard/db';
import { createSerde } from '@scorecard/contracts';
import { reportBench } from '@scorecard/testkit';
import { openPeriod } from '../src/app/open-period';
import { recordSourceEvents } from '../src/app/record-source-events';
import { benchDatabase } from './bench-database';
import { benchKafka, closedTicket, logger } from './bench-kafka';

const EVENTS = 100_000;

async function main() {
  const db = await benchDatabase('scorecard_bench_facts');
  const { kafka, producer, prefix } = await benchKafka();
  try {
    await inTransaction(db.ds, (em) => openPeriod(em, 'bench', 'monthly', '2026-11-01', 'UTC'));
    for (let i = 0; i < EVENTS; i += 5_000) {
      const batch = Array.from({ length: Math.min(5_000, EVENTS - i) }, (_, j) => {
        const n = i + j;
        const at = new Date(Date.UTC(2026, 10, 1) + (n % 2_500_000) * 1_000).toISOString();
        const e = closedTicket('bench', `t${n}`, `e${n % 10_000}`, at);
        return { key: e.key, message: e.message as never };
      });
      await producer.publish('scorecard.source.ticketing.v1', batch);
    }
    const serde = createSerde({
      registryUrl: process.env['SCHEMA_REGISTRY_URL'] ?? 'http://127.0.0.1:8081/apis/ccompat/v7',
      topicPrefix: prefix,
    });
    const started = Date.now();
    const consumer = await runConsumer({
      kafka,
      serde,
      logger,
      ds: db.ds,
      schema: 'compute',
      groupId: `${prefix}compute.facts`,
      topics: ['scorecard.source.ticketing.v1'],
      maxBatchSize: 1_000,
      partitionsConsumedConcurrently: 3,
      batchHandler: (msgs, em) => recordSourceEvents(msgs, em),
    });
    for (;;) {
      const [row] = await db.ds.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM source_facts`);
      if ((row?.n ?? 0) >= EVENTS) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const seconds = (Date.now() - started) / 1000;
    await consumer.stop();
    console.error(`${EVENTS} events in ${seconds.toFixed(2)} s`);
    reportBench({ name: 'facts', value: EVENTS / seconds, unit: 'events/s' });
  } finally {
    await producer.disconnect();
    await db.drop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
