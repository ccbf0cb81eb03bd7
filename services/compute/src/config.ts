import { z } from 'zod';
import { commonEnv, databaseEnv, kafkaEnv, loadConfig, portEnv } from '@scorecard/config';
import { FREQUENCIES } from './domain/periods';
import { isValidTimeZone } from './domain/zoned-time';

const ms = (n: number) => z.coerce.number().int().positive().default(n);

const schema = z.object({
  ...commonEnv,
  ...kafkaEnv,
  ...databaseEnv,
  ...portEnv(4003),
  /** Partitions for topics this service creates (score topics). */
  KAFKA_PARTITIONS: z.coerce.number().int().positive().default(6),
  /** Replication factor for topics this service creates (1 on a single local broker). */
  KAFKA_REPLICATION_FACTOR: z.coerce.number().int().positive().default(1),
  /** Timezone of the period calendar for tenants without their own setting (IANA name). */
  DEFAULT_TIMEZONE: z.string().refine(isValidTimeZone, 'not an IANA timezone').default('UTC'),
  /** Frequencies the scheduler keeps periods for (comma-separated), current and next ahead of time. */
  SCHEDULE_FREQUENCIES: z
    .string()
    .default('monthly')
    .transform((s) =>
      s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.enum(FREQUENCIES))),
  /**
   * How many periods before the current one (per scheduled frequency) incoming work data may open,
   * so a history load gets its recent periods scored; 0 turns this off.
   */
  PERIOD_BACKFILL: z.coerce.number().int().min(0).default(3),
  /** How often the scheduler ticks (one replica per tick, by advisory lock). */
  SCHEDULER_INTERVAL_MS: ms(60_000),
  /** People scored and committed per transaction of a compute run (its resumable unit). */
  RUN_CHUNK_SIZE: ms(1_000),
  /** How often an idle replica looks for queued compute runs. */
  RUN_POLL_MS: ms(1_000),
  /** A running run whose heartbeat is older than this is taken over (its worker died). */
  RUN_STALE_AFTER_MS: ms(30_000),
  /** How often the incremental path looks for dirty (employee, period) pairs. */
  DIRTY_POLL_MS: ms(100),
  /** Dirty pairs recomputed per transaction. */
  DIRTY_BATCH_SIZE: ms(200),
  /** Source events per consumer transaction. */
  FACTS_BATCH_SIZE: ms(1_000),
  /** How often tables changed a lot since their last ANALYZE are analyzed (autovacuum may be off). */
  ANALYZE_INTERVAL_MS: ms(10_000),
});

export type ComputeConfig = z.output<typeof schema>;
export const loadComputeConfig = () => loadConfig(schema);
