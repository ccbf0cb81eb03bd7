-- Every version of every source record compute has consumed: the raw material of point-in-time
-- attribution (a later version never overwrites an earlier one). Keyed by identity, so a replayed
-- or duplicated event is a no-op.
CREATE TABLE source_facts (
  tenant_id   text        NOT NULL,
  source      text        NOT NULL,
  entity      text        NOT NULL,
  entity_id   text        NOT NULL,
  version     bigint      NOT NULL,
  op          text        NOT NULL CHECK (op IN ('upsert', 'delete')),
  occurred_at timestamptz NOT NULL,
  data        jsonb       NOT NULL,
  event_id    text        NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, source, entity, entity_id, version)
);
CREATE INDEX source_facts_assignee ON source_facts (tenant_id, (data->>'assigned_to')) WHERE entity = 'ticket';
