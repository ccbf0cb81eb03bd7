import { join } from 'node:path';
import type { StackConfig } from './config';
import { APICURIO_RUNNER } from './maven';
import type { StackPaths } from './paths';
import { withDatabase } from './postgres';
import type { ManagedProcess } from './process';
import { spawnJvm } from './process';

export function registryProcess(paths: StackPaths): ManagedProcess {
  return {
    name: 'registry',
    pidFile: join(paths.registryHome, 'registry.pid'),
    logFile: join(paths.logs, 'registry.log'),
  };
}

export const registryBaseUrl = (cfg: StackConfig): string => `http://127.0.0.1:${cfg.registryPort}`;
/** The Confluent-compatible API: what Kafka serializers call "the schema registry URL". */
export const schemaRegistryUrl = (cfg: StackConfig): string => `${registryBaseUrl(cfg)}/apis/ccompat/v7`;

/** `DATABASE_URL` as JDBC for Apicurio's own database on the same server. */
function jdbc(cfg: StackConfig): { url: string; username: string; password: string } {
  const u = new URL(withDatabase(cfg.databaseUrl, cfg.registryDatabase));
  return {
    url: `jdbc:postgresql://${u.hostname}:${u.port || '5432'}/${cfg.registryDatabase}`,
    username: decodeURIComponent(u.username) || 'postgres',
    // Quarkus insists on a password; trust auth ignores it.
    password: decodeURIComponent(u.password) || 'postgres',
  };
}

/**
 * Apicurio keeps schemas in Postgres, not its default in-memory H2: Kafka keeps messages across
 * restarts and they carry schema ids, so the ids must survive too.
 */
export function startRegistry(cfg: StackConfig, paths: StackPaths): number {
  const db = jdbc(cfg);
  const props: Record<string, string> = {
    'quarkus.http.host': '127.0.0.1',
    'quarkus.http.port': String(cfg.registryPort),
    'apicurio.storage.kind': 'sql',
    'apicurio.storage.sql.kind': 'postgresql',
    'apicurio.datasource.url': db.url,
    'apicurio.datasource.username': db.username,
    'apicurio.datasource.password': db.password,
    // The defaults (20 idle, 100 max) would take a fifth of a stock Postgres's connections.
    'apicurio.datasource.jdbc.initial-size': '2',
    'apicurio.datasource.jdbc.min-size': '2',
    'apicurio.datasource.jdbc.max-size': '10',
  };
  const args = ['-Xmx512m', ...Object.entries(props).map(([k, v]) => `-D${k}=${v}`), '-jar', APICURIO_RUNNER];
  return spawnJvm(registryProcess(paths), args, join(paths.registryHome, 'app'));
}
