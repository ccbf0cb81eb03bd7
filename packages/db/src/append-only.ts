import { assertIdentifier, qualify, quoteSchema } from './identifiers';

// Room for the trigger-name suffixes within the 63-byte identifier limit.
const MAX_TABLE_LENGTH = 48;

/**
 * DDL that makes `schema.table` append-only: UPDATE, DELETE and TRUNCATE raise SQLSTATE 55S01
 * (`SqlState.immutableRow`); INSERT is untouched. Uses `reject_mutation()` from the base
 * migration, so it belongs in a numbered migration file of the same schema. Idempotent.
 */
export function appendOnlyTriggerSql(schema: string, table: string): string {
  const name = assertIdentifier(table, 'table', MAX_TABLE_LENGTH);
  return `
CREATE OR REPLACE TRIGGER ${name}_no_mutation BEFORE UPDATE OR DELETE ON ${qualify(schema, table)}
  FOR EACH ROW EXECUTE FUNCTION ${quoteSchema(schema)}.reject_mutation();
${noTruncateSql(schema, name)}`;
}

/**
 * DDL that rejects UPDATE and DELETE of rows for which `condition` holds (e.g.
 * `OLD.status = 'final'`), with SQLSTATE 55S01; other rows stay mutable, so the update that
 * finalizes a row still passes. `condition` is trusted migration SQL and may only reference OLD
 * (PostgreSQL forbids NEW in a DELETE trigger's WHEN). TRUNCATE is rejected outright since it
 * would remove finalized rows wholesale. Idempotent.
 */
export function immutableWhenSql(schema: string, table: string, condition: string): string {
  const name = assertIdentifier(table, 'table', MAX_TABLE_LENGTH);
  return `
CREATE OR REPLACE TRIGGER ${name}_immutable BEFORE UPDATE OR DELETE ON ${qualify(schema, table)}
  FOR EACH ROW WHEN (${condition}) EXECUTE FUNCTION ${quoteSchema(schema)}.reject_mutation();
${noTruncateSql(schema, name)}`;
}

function noTruncateSql(schema: string, table: string): string {
  return `CREATE OR REPLACE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${qualify(schema, table)}
  FOR EACH STATEMENT EXECUTE FUNCTION ${quoteSchema(schema)}.reject_mutation();
`;
}
