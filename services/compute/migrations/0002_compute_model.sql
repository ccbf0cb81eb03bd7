-- Point-in-time validity of each record version: version n is the record's state over
-- [valid_from, valid_to). valid_from is the running maximum of occurred_at in version order (so
-- versions that arrive out of order, or with skewed clocks, still tile time without overlaps); the
-- first version reaches back to -infinity, so a record whose time field predates its first event
-- is owned by its earliest known state. Derived from the ledger and recomputed per record on every
-- insert, so the same events in any order give the same rows.
ALTER TABLE source_facts
  ADD COLUMN valid_from timestamptz NOT NULL DEFAULT '-infinity',
  ADD COLUMN valid_to   timestamptz NOT NULL DEFAULT 'infinity',
  ADD COLUMN is_latest  boolean     NOT NULL DEFAULT true;
DROP INDEX source_facts_assignee;
CREATE INDEX source_facts_latest ON source_facts (tenant_id, source, entity) WHERE is_latest;
-- Members of a team at a time (the `team` ownership rule).
CREATE INDEX source_facts_team_members ON source_facts (tenant_id, (data->>'team_id'))
  WHERE source = 'hr' AND entity = 'employee';

-- Every person and team a record was ever linked to (any version, any person/team field of the
-- catalog): narrows a per-employee evaluation to that person's records, and says whom a new fact
-- makes dirty.
CREATE TABLE fact_links (
  tenant_id text NOT NULL,
  source    text NOT NULL,
  entity    text NOT NULL,
  kind      text NOT NULL CHECK (kind IN ('person', 'team')),
  ref_id    text NOT NULL,
  entity_id text NOT NULL,
  PRIMARY KEY (tenant_id, source, entity, kind, ref_id, entity_id)
);
CREATE INDEX fact_links_record ON fact_links (tenant_id, source, entity, entity_id);

-- People/org read model: each employee's latest HR state, and the manager closure (every
-- direct and indirect report of a manager, depth 1 = direct).
CREATE TABLE people (
  tenant_id     text NOT NULL,
  employee_id   text NOT NULL,
  name          text,
  manager_id    text,
  team_id       text,
  department_id text,
  role          text,
  role_group    text,
  status        text,
  hired_at      timestamptz,
  exited_at     timestamptz,
  version       bigint NOT NULL,
  PRIMARY KEY (tenant_id, employee_id)
);
CREATE TABLE manager_closure (
  tenant_id   text NOT NULL,
  manager_id  text NOT NULL,
  employee_id text NOT NULL,
  depth       int  NOT NULL,
  PRIMARY KEY (tenant_id, manager_id, employee_id)
);

-- Registry read model: every version of every config entity as the registry serves it. Template
-- versions are immutable once stored (only their active flag follows later events); other
-- entities take the newest state per version.
CREATE TABLE config_entities (
  tenant_id   text        NOT NULL,
  entity_type text        NOT NULL,
  entity_id   text        NOT NULL,
  version     int         NOT NULL,
  active      boolean     NOT NULL DEFAULT true,
  state       jsonb       NOT NULL,
  changed_at  timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, entity_type, entity_id, version)
);
CREATE INDEX config_entities_binding_kpi ON config_entities (tenant_id, (state->>'kpi_id'))
  WHERE entity_type = 'binding';

-- Per-tenant settings (timezone of the period calendar); absent = the service default.
CREATE TABLE tenant_settings (
  tenant_id text PRIMARY KEY,
  timezone  text NOT NULL
);

CREATE TABLE periods (
  tenant_id    text        NOT NULL,
  id           text        NOT NULL,
  frequency    text        NOT NULL,
  starts_at    timestamptz NOT NULL,
  ends_at      timestamptz NOT NULL,
  timezone     text        NOT NULL,
  status       text        NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'finalized')),
  created_at   timestamptz NOT NULL DEFAULT now(),
  finalized_at timestamptz,
  PRIMARY KEY (tenant_id, id),
  CHECK (starts_at < ends_at)
);
CREATE INDEX periods_open ON periods (tenant_id, starts_at, ends_at) WHERE status = 'open';

-- Scorecard instance: person × period × the template version pinned at its first computation.
CREATE TABLE scorecard_instances (
  tenant_id        text        NOT NULL,
  period_id        text        NOT NULL,
  employee_id      text        NOT NULL,
  template_id      text        NOT NULL,
  template_version int         NOT NULL,
  status           text        NOT NULL DEFAULT 'provisional' CHECK (status IN ('provisional', 'final')),
  created_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, period_id, employee_id)
);

-- Manual KPI scores (journal score_recorded / approved score_adjustment) and effort ratings,
-- from review events; the newest entry per KPI wins.
CREATE TABLE manual_inputs (
  tenant_id   text             NOT NULL,
  period_id   text             NOT NULL,
  employee_id text             NOT NULL,
  kind        text             NOT NULL CHECK (kind IN ('manual_score', 'effort_rating')),
  kpi_id      text             NOT NULL,
  value       double precision NOT NULL,
  reason      text,
  recorded_at timestamptz      NOT NULL,
  PRIMARY KEY (tenant_id, period_id, employee_id, kind, kpi_id)
);

CREATE TABLE compute_runs (
  id           uuid        PRIMARY KEY,
  tenant_id    text        NOT NULL,
  period_id    text        NOT NULL,
  employee_id  text,
  trigger      text        NOT NULL CHECK (trigger IN ('api', 'scheduler', 'cli')),
  status       text        NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'succeeded', 'failed')),
  done         int         NOT NULL DEFAULT 0,
  total        int,
  changed      int         NOT NULL DEFAULT 0,
  -- Employees are processed in id order; a resumed run continues after the cursor.
  cursor       text,
  inputs_hash  text,
  error        text,
  attempts     int         NOT NULL DEFAULT 0,
  requested_at timestamptz NOT NULL DEFAULT now(),
  started_at   timestamptz,
  heartbeat_at timestamptz,
  finished_at  timestamptz
);
-- At most one active run per target: a repeated request gets the same run.
CREATE UNIQUE INDEX compute_runs_active ON compute_runs (tenant_id, period_id, coalesce(employee_id, ''))
  WHERE status IN ('queued', 'running');

-- (employee, period) pairs whose provisional score must be recomputed (incremental path).
CREATE TABLE dirty_scores (
  tenant_id   text        NOT NULL,
  period_id   text        NOT NULL,
  employee_id text        NOT NULL,
  marked_at   timestamptz NOT NULL DEFAULT clock_timestamp(),
  -- The trace of the change that marked it: the republished score continues that trace.
  traceparent text,
  PRIMARY KEY (tenant_id, period_id, employee_id)
);

-- Result snapshots. inputs_hash covers every input (template version, KPI definitions, actuals,
-- evidence, manual inputs): an unchanged hash means nothing is rewritten, so a recompute with the
-- same inputs leaves identical rows.
CREATE TABLE performance_results (
  tenant_id        text             NOT NULL,
  period_id        text             NOT NULL,
  employee_id      text             NOT NULL,
  status           text             NOT NULL DEFAULT 'provisional' CHECK (status IN ('provisional', 'final')),
  template_id      text             NOT NULL,
  template_version int              NOT NULL,
  total_score      double precision,
  computed_total   double precision,
  rating_band      text,
  explanation      jsonb            NOT NULL,
  inputs_hash      text             NOT NULL,
  run_id           uuid,
  computed_at      timestamptz      NOT NULL,
  PRIMARY KEY (tenant_id, period_id, employee_id)
);
CREATE TABLE kra_results (
  tenant_id   text             NOT NULL,
  period_id   text             NOT NULL,
  employee_id text             NOT NULL,
  kra_id      text             NOT NULL,
  position    int              NOT NULL,
  name        text,
  status      text             NOT NULL DEFAULT 'provisional' CHECK (status IN ('provisional', 'final')),
  score       double precision,
  weight      double precision NOT NULL,
  explanation jsonb            NOT NULL,
  PRIMARY KEY (tenant_id, period_id, employee_id, kra_id)
);
CREATE TABLE kpi_results (
  tenant_id      text             NOT NULL,
  period_id      text             NOT NULL,
  employee_id    text             NOT NULL,
  kra_id         text             NOT NULL,
  kpi_id         text             NOT NULL,
  position       int              NOT NULL,
  slug           text             NOT NULL,
  status         text             NOT NULL DEFAULT 'provisional' CHECK (status IN ('provisional', 'final')),
  score_status   text             NOT NULL,
  actual_value   double precision,
  target_value   double precision,
  raw            double precision,
  score          double precision,
  weight         double precision NOT NULL,
  weighted_score double precision,
  label          text,
  override       jsonb,
  evidence_ids   text[]           NOT NULL,
  evidence_count int              NOT NULL,
  explanation    jsonb            NOT NULL,
  PRIMARY KEY (tenant_id, period_id, employee_id, kra_id, kpi_id)
);

-- Finalized periods and their results are frozen in the database, not only in code (SQLSTATE 55S01).
CREATE OR REPLACE TRIGGER kpi_results_immutable BEFORE UPDATE OR DELETE ON "compute"."kpi_results"
  FOR EACH ROW WHEN (OLD.status = 'final') EXECUTE FUNCTION "compute".reject_mutation();
CREATE OR REPLACE TRIGGER kpi_results_no_truncate BEFORE TRUNCATE ON "compute"."kpi_results"
  FOR EACH STATEMENT EXECUTE FUNCTION "compute".reject_mutation();
CREATE OR REPLACE TRIGGER kra_results_immutable BEFORE UPDATE OR DELETE ON "compute"."kra_results"
  FOR EACH ROW WHEN (OLD.status = 'final') EXECUTE FUNCTION "compute".reject_mutation();
CREATE OR REPLACE TRIGGER kra_results_no_truncate BEFORE TRUNCATE ON "compute"."kra_results"
  FOR EACH STATEMENT EXECUTE FUNCTION "compute".reject_mutation();
CREATE OR REPLACE TRIGGER performance_results_immutable BEFORE UPDATE OR DELETE ON "compute"."performance_results"
  FOR EACH ROW WHEN (OLD.status = 'final') EXECUTE FUNCTION "compute".reject_mutation();
CREATE OR REPLACE TRIGGER performance_results_no_truncate BEFORE TRUNCATE ON "compute"."performance_results"
  FOR EACH STATEMENT EXECUTE FUNCTION "compute".reject_mutation();
CREATE OR REPLACE TRIGGER scorecard_instances_immutable BEFORE UPDATE OR DELETE ON "compute"."scorecard_instances"
  FOR EACH ROW WHEN (OLD.status = 'final') EXECUTE FUNCTION "compute".reject_mutation();
CREATE OR REPLACE TRIGGER scorecard_instances_no_truncate BEFORE TRUNCATE ON "compute"."scorecard_instances"
  FOR EACH STATEMENT EXECUTE FUNCTION "compute".reject_mutation();
CREATE OR REPLACE TRIGGER periods_immutable BEFORE UPDATE OR DELETE ON "compute"."periods"
  FOR EACH ROW WHEN (OLD.status = 'finalized') EXECUTE FUNCTION "compute".reject_mutation();
CREATE OR REPLACE TRIGGER periods_no_truncate BEFORE TRUNCATE ON "compute"."periods"
  FOR EACH STATEMENT EXECUTE FUNCTION "compute".reject_mutation();
