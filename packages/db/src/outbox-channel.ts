import { assertIdentifier } from './identifiers';

/** The NOTIFY channel fired when rows are inserted into `<schema>.outbox`; a relay LISTENs on it. */
export function outboxChannel(schema: string): string {
  return `${assertIdentifier(schema, 'schema', 56)}_outbox`;
}
