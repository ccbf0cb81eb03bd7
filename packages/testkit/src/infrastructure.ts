import { ensureDatabase } from '@scorecard/db';
import { loadStackConfig, stackUp } from '@scorecard/stack';
import { startContainers } from './containers';
import { dockerAvailable } from './docker';

export type InfrastructureSource = 'env' | 'testcontainers' | 'local-stack';

/**
 * Makes sure KAFKA_BROKERS, SCHEMA_REGISTRY_URL and DATABASE_URL are set in `env`: URLs already
 * there win; the missing ones come from testcontainers when Docker answers, else from the local
 * stack (`@scorecard/stack`). CLICKHOUSE_URL stays unset unless given: tests then embed chdb.
 */
export async function provideInfrastructure(env: NodeJS.ProcessEnv): Promise<InfrastructureSource> {
  const need = {
    kafka: !env['KAFKA_BROKERS'],
    registry: !env['SCHEMA_REGISTRY_URL'],
    postgres: !env['DATABASE_URL'],
  };
  if (!need.kafka && !need.registry && !need.postgres) return 'env';
  if (await dockerAvailable(env)) {
    const found = await startContainers(need);
    env['KAFKA_BROKERS'] ||= found.kafkaBrokers;
    env['SCHEMA_REGISTRY_URL'] ||= found.schemaRegistryUrl;
    env['DATABASE_URL'] ||= found.databaseUrl;
    return 'testcontainers';
  }
  if (!need.kafka && !need.registry) {
    // Only Postgres is missing: no reason to start the JVMs for it.
    env['DATABASE_URL'] = loadStackConfig(env).databaseUrl;
    await ensureDatabase(env['DATABASE_URL']);
    return 'local-stack';
  }
  const stack = await stackUp({ env });
  env['KAFKA_BROKERS'] ||= stack.kafkaBrokers.join(',');
  env['SCHEMA_REGISTRY_URL'] ||= stack.schemaRegistryUrl;
  env['DATABASE_URL'] ||= stack.databaseUrl;
  return 'local-stack';
}
