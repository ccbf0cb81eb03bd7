import { z } from 'zod';

const csv = z
  .string()
  .min(1)
  .transform((s) =>
    s
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean),
  );

/** Environment shared by every service; each service extends it in its own `src/config.ts`. */
export const commonEnv = {
  /** development | test | production; production refuses dev-only conveniences. */
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  /** pino level. */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Bind address of the service's HTTP server. */
  HOST: z.string().default('127.0.0.1'),
  /** OTLP/HTTP endpoint for traces; unset → spans are created (ids propagate) but not exported. */
  OTEL_EXPORTER_OTLP_ENDPOINT: z.string().url().optional(),
  /** Grace period for SIGTERM: stop intake, drain, commit, close. */
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().positive().default(15_000),
};

export const kafkaEnv = {
  /** Comma-separated bootstrap brokers. */
  KAFKA_BROKERS: csv.default('127.0.0.1:9092'),
  /** Confluent-compatible schema registry (Apicurio's ccompat API locally). */
  SCHEMA_REGISTRY_URL: z.string().url().default('http://127.0.0.1:8081/apis/ccompat/v7'),
  /** Prefix for every topic name; lets tests and tenants-of-clusters share one broker. */
  TOPIC_PREFIX: z.string().default(''),
};

export const databaseEnv = {
  /** PostgreSQL connection URL; the service uses its own schema inside it. */
  DATABASE_URL: z.string().url().default('postgres://postgres@127.0.0.1:5432/scorecard'),
  DATABASE_POOL_SIZE: z.coerce.number().int().positive().default(10),
};

export const clickhouseEnv = {
  /** A ClickHouse server; unset → embedded chdb at CHDB_PATH. */
  CLICKHOUSE_URL: z.string().url().optional(),
  CHDB_PATH: z.string().default('.stack/chdb'),
  CLICKHOUSE_DATABASE: z
    .string()
    .regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/)
    .default('scorecard'),
};

/** The HTTP port, defaulting to the service's slot in DESIGN §7 (gateway 4000, others 4001–4005). */
export const portEnv = (defaultPort: number) => ({
  PORT: z.coerce.number().int().min(0).max(65535).default(defaultPort),
});

/** URL of another service, e.g. the gateway's upstreams. */
export const serviceUrl = (defaultUrl: string) => z.string().url().default(defaultUrl);
