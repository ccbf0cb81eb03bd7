import { findRepoRoot } from '@scorecard/stack';
import { requireEnv } from './env';
import { dropStaleTestDatabases } from './fresh-database';
import { provideInfrastructure } from './infrastructure';
import { ensureTemplateDatabase } from './template-database';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Jest globalSetup of the int and e2e tiers: provides Kafka, the schema registry and Postgres
 * (env URLs, else testcontainers, else the local stack), exporting their URLs through process.env,
 * which the workers inherit; then makes sure the migrated template database is current.
 */
export default async function globalSetup(): Promise<void> {
  const started = Date.now();
  const source = await provideInfrastructure(process.env);
  // Jest runs this once per project; the first run's answer is the one that describes the infrastructure.
  process.env['SCORECARD_TEST_INFRA'] ||= source;
  const databaseUrl = requireEnv('DATABASE_URL');
  const template = await ensureTemplateDatabase(databaseUrl, findRepoRoot());
  process.env['SCORECARD_TEST_TEMPLATE_HASH'] = template.hash;
  await dropStaleTestDatabases(databaseUrl, DAY_MS);
  console.error(
    `\ntestkit: ${source} — kafka ${requireEnv('KAFKA_BROKERS')}, registry ${requireEnv('SCHEMA_REGISTRY_URL')}, ` +
      `postgres ${databaseUrl}; template ${template.action} (${Date.now() - started} ms)`,
  );
}
