-- Every canonical event ingest has accepted, by its identity. A second (source, entity, id, version)
-- is reported as a duplicate and not published again.
CREATE TABLE accepted_events (
  tenant_id   text        NOT NULL,
  source      text        NOT NULL,
  entity      text        NOT NULL,
  entity_id   text        NOT NULL,
  version     bigint      NOT NULL,
  event_id    uuid        NOT NULL,
  accepted_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, source, entity, entity_id, version)
);
