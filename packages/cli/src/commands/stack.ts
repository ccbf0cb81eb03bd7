import type { Command } from 'commander';
import { serviceStatuses, servicesLogDir, stackDown, stackStatus, stackUp } from '@scorecard/stack';

/** `scorecard stack up|down|status`: the local Kafka, schema registry, Postgres and chdb. */
export function registerStack(program: Command): void {
  const stack = program
    .command('stack')
    .description('local Kafka, schema registry, Postgres and ClickHouse (chdb)');

  stack
    .command('up')
    .description('start whatever is not running (idempotent) and print the endpoints')
    .action(async () => {
      const up = await stackUp();
      console.log(`KAFKA_BROKERS=${up.kafkaBrokers.join(',')}`);
      console.log(`SCHEMA_REGISTRY_URL=${up.schemaRegistryUrl}`);
      console.log(`DATABASE_URL=${up.databaseUrl}`);
      console.log(
        up.clickhouse.kind === 'url'
          ? `CLICKHOUSE_URL=${up.clickhouse.url}`
          : `CHDB_PATH=${up.clickhouse.path}`,
      );
    });

  stack
    .command('down')
    .description('stop the Kafka and registry processes, keeping their data')
    .option('--purge', 'also delete Kafka, registry and chdb data (downloads are kept)')
    .action(async (opts: { purge?: boolean }) => {
      await stackDown({ purge: opts.purge === true });
    });

  stack
    .command('status')
    .description('show each process and whether it answers; exit 1 unless all are healthy')
    .action(async () => {
      const status = await stackStatus();
      for (const c of status.components) {
        const state =
          c.pid === undefined ? (c.healthy ? 'external' : 'stopped') : c.healthy ? 'healthy' : 'unhealthy';
        console.log(
          `${c.name.padEnd(10)} ${state.padEnd(10)} ${c.pid === undefined ? '-' : `pid ${c.pid}`}  ${c.url}`,
        );
      }
      const ch = status.endpoints.clickhouse;
      console.log(`${'postgres'.padEnd(10)} external  ${status.endpoints.databaseUrl}`);
      console.log(
        `${'clickhouse'.padEnd(10)} ${ch.kind === 'url' ? `external  ${ch.url}` : `embedded  chdb at ${ch.path}`}`,
      );
      // The services `npm start` supervises (scorecard up), with their restarts.
      for (const s of serviceStatuses(servicesLogDir())) {
        const exit = s.lastExit ? `, last exit ${s.lastExit}` : '';
        console.log(
          `${s.name.padEnd(10)} ${(s.running ? 'running' : 'stopped').padEnd(10)} ${s.pid === null ? '-' : `pid ${s.pid}`}  ${s.url}  (${s.restarts} restarts${exit})`,
        );
      }
      if (!status.healthy) process.exitCode = 1;
    });
}
