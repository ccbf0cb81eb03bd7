import type { ClickHouseClient, ClickHouseClientConfigOptions } from '@clickhouse/client';
import { createClient } from '@clickhouse/client';
import { createChdbConnection } from 'chdb/connection';
import { assertDatabaseName } from './database-name';

// chdb implements the Connection contract as declared by @clickhouse/client-common, which
// @clickhouse/client 1.23 now bundles as its own copy. Same shape at runtime, but a private field
// (SettingsMap.record) makes the two declarations nominally distinct, hence the cast.
type ClientConnection = NonNullable<ClickHouseClientConfigOptions['connection']>;

// chdb prints 64-bit integers as JSON numbers, a server as strings (its default); pin the server
// behaviour on both so results have one shape and UInt64 never loses precision in JS.
const clickhouse_settings = { output_format_json_quote_64bit_integers: 1 } as const;

export interface ClickHouseOptions {
  /** ClickHouse server HTTP(S) URL, without a database path. Absent or empty → embedded chdb. */
  url?: string | undefined;
  /** chdb data directory. One process at a time may open a path, and one path per process. */
  chdbPath: string;
  /** Created if missing and made the default database, so SQL may leave tables unqualified. */
  database: string;
}

/**
 * The official @clickhouse/client, talking to a server when `url` is set and to in-process chdb
 * otherwise; the same SQL runs on both. Close it with `client.close()` (for chdb that releases the
 * data directory).
 */
export async function createClickHouse({
  url,
  chdbPath,
  database,
}: ClickHouseOptions): Promise<ClickHouseClient> {
  const db = assertDatabaseName(database);
  const createDatabase = `CREATE DATABASE IF NOT EXISTS ${db}`;
  if (url) {
    // The server rejects every request whose `database` does not exist, so create it first.
    const admin = createClient({ url, database: 'default' });
    try {
      await admin.command({ query: createDatabase });
    } finally {
      await admin.close();
    }
    return createClient({ url, database: db, clickhouse_settings });
  }
  const connection = createChdbConnection({ path: chdbPath }) as unknown as ClientConnection;
  const client = createClient({ connection, clickhouse_settings });
  try {
    await client.command({ query: createDatabase });
    // chdb ignores the client's `database` setting; USE sticks for the session instead.
    await client.command({ query: `USE ${db}` });
    return client;
  } catch (err) {
    await client.close();
    throw err;
  }
}
