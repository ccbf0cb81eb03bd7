// Database names are interpolated into DDL (CREATE DATABASE / USE take no bind parameters), so
// only plain lowercase identifiers are accepted.
const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

export function assertDatabaseName(database: string): string {
  if (!IDENTIFIER.test(database)) {
    throw new Error(`ClickHouse database "${database}" must match ${IDENTIFIER.source}`);
  }
  return database;
}
