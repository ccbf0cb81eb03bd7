export type { ClickHouseClient } from '@clickhouse/client';
export { createClickHouse } from './create-clickhouse';
export type { ClickHouseOptions } from './create-clickhouse';
export { migrateClickHouse } from './migrate-clickhouse';
export type { MigrateClickHouseOptions } from './migrate-clickhouse';
export { splitStatements } from './split-statements';
