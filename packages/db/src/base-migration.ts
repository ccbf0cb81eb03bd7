import { quoteSchema } from './identifiers';
import { outboxChannel } from './outbox-channel';
import { SqlState } from './pg-errors';

/** Applied before a service's own files in every schema (recorded as `0000_scorecard_base`). */
export const BASE_MIGRATION_NAME = '0000_scorecard_base';

export function baseMigrationSql(schema: string): string {
  const s = quoteSchema(schema);
  return `
CREATE TABLE ${s}.outbox (
  id bigserial PRIMARY KEY,
  topic text NOT NULL,
  key text NOT NULL,
  payload jsonb NOT NULL,
  headers jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  published_at timestamptz
);
-- The relay only scans unpublished rows, in id order.
CREATE INDEX outbox_unpublished_idx ON ${s}.outbox (id) WHERE published_at IS NULL;

CREATE FUNCTION ${s}.notify_outbox() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('${outboxChannel(schema)}', '');
  RETURN NULL;
END $$;
-- Once per statement: the NOTIFY only wakes the relay, which then reads the rows itself.
CREATE TRIGGER outbox_notify AFTER INSERT ON ${s}.outbox
  FOR EACH STATEMENT EXECUTE FUNCTION ${s}.notify_outbox();

CREATE TABLE ${s}.processed_messages (
  consumer_group text NOT NULL,
  event_id text NOT NULL,
  processed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (consumer_group, event_id)
);

-- Shared by the append-only and immutable-when triggers (see append-only.ts).
CREATE FUNCTION ${s}.reject_mutation() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% on %.% rejected: rows are immutable', TG_OP, TG_TABLE_SCHEMA, TG_TABLE_NAME
    USING ERRCODE = '${SqlState.immutableRow}';
END $$;
`;
}
