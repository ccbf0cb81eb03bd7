import { availableParallelism } from 'node:os';
import { z } from 'zod';
import { commonEnv, databaseEnv, kafkaEnv, loadConfig, portEnv } from '@scorecard/config';

/** `{"<tenant>": "<secret>"}` as JSON. */
const webhookSecrets = z
  .string()
  .default('{}')
  .transform((s, ctx) => {
    try {
      return JSON.parse(s) as unknown;
    } catch {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'must be a JSON object of tenant → secret' });
      return z.NEVER;
    }
  })
  .pipe(z.record(z.string().min(1), z.string().min(16, 'a webhook secret needs at least 16 characters')));

const schema = z.object({
  ...commonEnv,
  ...kafkaEnv,
  ...databaseEnv,
  ...portEnv(4002),
  /** Partitions for topics this service creates (source topics). */
  KAFKA_PARTITIONS: z.coerce.number().int().positive().default(6),
  /** Replication factor for topics this service creates (1 on a single local broker). */
  KAFKA_REPLICATION_FACTOR: z.coerce.number().int().positive().default(1),
  /**
   * Worker threads that parse, validate and encode event batches, off the thread that serves HTTP
   * and drives Postgres and Kafka. Default: one per core but one; 0 (the default on one core):
   * on the main thread.
   */
  INGEST_WORKERS: z.coerce
    .number()
    .int()
    .nonnegative()
    .default(availableParallelism() - 1),
  /** Largest request body; a full batch of 5,000 events fits. */
  BODY_LIMIT: z.string().default('10mb'),
  /** Tenant of CDC topics and polled tables that name none (`…@tenant`). */
  CONNECTOR_TENANT_ID: z.string().min(1).default('demo'),
  /** Debezium change topics to consume: `topic=mapping[@tenant],…` (mappings: src/domain/mappings). Empty: off. */
  CDC_TOPICS: z.string().default(''),
  /** Consumer group of the CDC consumer (under TOPIC_PREFIX). */
  CDC_GROUP_ID: z.string().min(1).default('scorecard-ingest-cdc'),
  /** Database the polling connector reads (sources without CDC); unset: polling off. */
  POLL_DATABASE_URL: z.string().url().optional(),
  /** Tables to poll: `schema.table=mapping[@tenant],…`. */
  POLL_TABLES: z.string().default(''),
  /** Column of the (updated_at, id) cursor; the id column is the mapping's id. */
  POLL_CURSOR_COLUMN: z
    .string()
    .regex(/^[a-z_][a-z0-9_]*$/)
    .default('updated_at'),
  POLL_INTERVAL_MS: z.coerce.number().int().positive().default(5_000),
  /** Rows updated more recently wait a round, so late commits with older timestamps are not skipped. */
  POLL_LAG_SECONDS: z.coerce.number().nonnegative().default(2),
  /** Rows read, mapped and accepted per transaction. */
  POLL_BATCH_SIZE: z.coerce.number().int().positive().max(5_000).default(1_000),
  /** JSON `{"<tenant>": "<secret>"}`: the signing secret of each tenant's Zendesk webhook. */
  ZENDESK_WEBHOOK_SECRETS: webhookSecrets,
  /** JSON `{"<tenant>": "<secret>"}`: each tenant's Freshdesk webhook credential (HTTP Basic). */
  FRESHDESK_WEBHOOK_SECRETS: webhookSecrets,
  /** Signed webhooks older (or newer) than this are refused as replays. */
  WEBHOOK_REPLAY_WINDOW_SECONDS: z.coerce.number().int().positive().default(300),
});

export type IngestConfig = z.output<typeof schema>;
export const loadIngestConfig = (env?: Record<string, string | undefined>) => loadConfig(schema, env);
