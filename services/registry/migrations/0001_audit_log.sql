-- Who changed what, before and after, and why. Append-only: the database itself rejects UPDATE,
-- DELETE and TRUNCATE (SQLSTATE 55S01), so history cannot be rewritten by any code path.
CREATE TABLE audit_log (
  id          bigserial   PRIMARY KEY,
  tenant_id   text        NOT NULL,
  actor       text        NOT NULL,
  action      text        NOT NULL,
  entity_type text        NOT NULL,
  entity_id   text        NOT NULL,
  before      jsonb,
  after       jsonb,
  reason      text,
  trace_id    text,
  at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX audit_log_entity ON audit_log (tenant_id, entity_type, entity_id, at);

CREATE OR REPLACE TRIGGER audit_log_no_mutation BEFORE UPDATE OR DELETE ON "registry"."audit_log"
  FOR EACH ROW EXECUTE FUNCTION "registry".reject_mutation();
CREATE OR REPLACE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON "registry"."audit_log"
  FOR EACH STATEMENT EXECUTE FUNCTION "registry".reject_mutation();
