// Schema and table names are interpolated into DDL, so they are restricted to plain lowercase
// identifiers; this keeps quoting trivial and rules out injection through a name.
const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

// NAMEDATALEN is 64; the outbox channel `<schema>_outbox` must fit in 63 bytes too.
const MAX_SCHEMA_LENGTH = 56;

export function assertIdentifier(name: string, what: string, maxLength = 63): string {
  if (!IDENTIFIER.test(name) || name.length > maxLength) {
    throw new Error(
      `${what} "${name}" must match ${IDENTIFIER.source} and be at most ${maxLength} characters`,
    );
  }
  return name;
}

/** `"schema"` after validation. */
export function quoteSchema(schema: string): string {
  return `"${assertIdentifier(schema, 'schema', MAX_SCHEMA_LENGTH)}"`;
}

/** `"schema"."table"` after validation. */
export function qualify(schema: string, table: string): string {
  return `${quoteSchema(schema)}."${assertIdentifier(table, 'table')}"`;
}
