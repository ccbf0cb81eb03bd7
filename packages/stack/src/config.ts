import { join } from 'node:path';
import { findRepoRoot } from './paths';

/** Where the local stack listens and keeps its files; env overrides for running a second stack. */
export interface StackConfig {
  /** STACK_DIR: state, logs and data (default `<repo>/.stack`). */
  stackDir: string;
  /** KAFKA_PORT: the PLAINTEXT listener (default 9092). */
  kafkaPort: number;
  /** KAFKA_CONTROLLER_PORT: the KRaft CONTROLLER listener (default 9093). */
  kafkaControllerPort: number;
  /** SCHEMA_REGISTRY_PORT: Apicurio's HTTP port (default 8081). */
  registryPort: number;
  /** DATABASE_URL: the application database, created if missing. */
  databaseUrl: string;
  /** SCHEMA_REGISTRY_DATABASE: Apicurio's SQL storage on the same server (default scorecard_apicurio). */
  registryDatabase: string;
  /** CLICKHOUSE_URL: a ClickHouse server; unset means embedded chdb under the stack dir. */
  clickhouseUrl: string | undefined;
}

const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/scorecard';

function port(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 65535) throw new Error(`${name} must be a TCP port, got "${raw}"`);
  return n;
}

/** Each setting from the env, else from `last` (what the stack last ran with), else the default. */
export function loadStackConfig(
  env: NodeJS.ProcessEnv = process.env,
  last: Partial<StackConfig> = {},
): StackConfig {
  const clickhouseUrl = env['CLICKHOUSE_URL'];
  return {
    stackDir: env['STACK_DIR'] || join(findRepoRoot(), '.stack'),
    kafkaPort: port(env, 'KAFKA_PORT', last.kafkaPort ?? 9092),
    kafkaControllerPort: port(env, 'KAFKA_CONTROLLER_PORT', last.kafkaControllerPort ?? 9093),
    registryPort: port(env, 'SCHEMA_REGISTRY_PORT', last.registryPort ?? 8081),
    databaseUrl: env['DATABASE_URL'] || last.databaseUrl || DEFAULT_DATABASE_URL,
    registryDatabase: env['SCHEMA_REGISTRY_DATABASE'] || last.registryDatabase || 'scorecard_apicurio',
    clickhouseUrl: clickhouseUrl === '' ? undefined : clickhouseUrl,
  };
}
