import type { Command } from 'commander';
import { MAX_REDRIVES, createKafka, listDlq, redrive } from '@scorecard/kafka';
import { createLogger } from '@scorecard/telemetry';

const kafkaFrom = (brokers: string) =>
  createKafka({
    brokers: brokers.split(','),
    clientId: 'scorecard-cli',
    logger: createLogger({ service: 'cli', level: 'warn' }),
  });

const dlqName = (topic: string) => (topic.endsWith('.dlq') ? topic : `${topic}.dlq`);

const limitOf = (v: string): number => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--limit must be a positive whole number, got "${v}"`);
  return n;
};

/** `scorecard dlq list|redrive <topic>`: inspect dead letters, and send them back once the cause is fixed. */
export function registerDlq(program: Command): void {
  const dlq = program
    .command('dlq')
    .description("dead-letter queues: a topic's messages that could not be processed");
  const brokers = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';

  dlq
    .command('list <topic>')
    .description('show dead letters with their error (topic or topic.dlq)')
    .option('--limit <n>', 'at most this many', '100')
    .option('--brokers <list>', 'Kafka bootstrap brokers', brokers)
    .option('--json', 'print JSON')
    .action(async (topic: string, opts: { limit: string; brokers: string; json?: boolean }) => {
      const entries = await listDlq(kafkaFrom(opts.brokers), dlqName(topic), { limit: limitOf(opts.limit) });
      if (opts.json) {
        console.log(JSON.stringify(entries, null, 2));
        return;
      }
      if (entries.length === 0) console.log(`${dlqName(topic)} is empty`);
      for (const e of entries) {
        console.log(
          `${e.partition}:${e.offset}  key=${e.key ?? '-'}  ${e.errorCode ?? '?'}: ${e.errorMessage ?? ''}  (from ${e.originalTopic ?? '?'}@${e.originalPartition ?? '?'}:${e.originalOffset ?? '?'}, ${e.attempts ?? '?'} attempts, ${e.redrives} redrives${e.redrives >= MAX_REDRIVES ? ', parked' : ''}, ${e.failedAt ?? ''})`,
        );
      }
    });

  dlq
    .command('redrive <topic>')
    .description(
      `republish dead letters to their original topic with their original headers; one redriven ${MAX_REDRIVES} times is parked`,
    )
    .option('--limit <n>', 'at most this many', '100')
    .option('--brokers <list>', 'Kafka bootstrap brokers', brokers)
    .action(async (topic: string, opts: { limit: string; brokers: string }) => {
      const result = await redrive(kafkaFrom(opts.brokers), dlqName(topic), { limit: limitOf(opts.limit) });
      console.log(`redriven ${result.redriven}, skipped ${result.skipped}, parked ${result.parked}`);
    });
}
