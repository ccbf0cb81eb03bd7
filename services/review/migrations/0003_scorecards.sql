-- Scorecard instances (person × period × pinned template version) built from compute's
-- scorecard.score.computed.v1, with the review workflow, overrides, notes and disputes.
-- Finalization locks a period: the database itself refuses to change or add anything to it.

-- A finalized period. Its presence is the lock every trigger below checks.
CREATE TABLE finalized_periods (
  tenant_id       text        NOT NULL,
  period_id       text        NOT NULL,
  period_start    timestamptz,
  period_end      timestamptz,
  frequency       text,
  finalized_by    text        NOT NULL,
  finalized_at    timestamptz NOT NULL DEFAULT now(),
  scorecard_count integer     NOT NULL,
  PRIMARY KEY (tenant_id, period_id)
);
CREATE OR REPLACE TRIGGER finalized_periods_no_mutation BEFORE UPDATE OR DELETE ON "review"."finalized_periods"
  FOR EACH ROW EXECUTE FUNCTION "review".reject_mutation();
CREATE OR REPLACE TRIGGER finalized_periods_no_truncate BEFORE TRUNCATE ON "review"."finalized_periods"
  FOR EACH STATEMENT EXECUTE FUNCTION "review".reject_mutation();

CREATE TABLE scorecards (
  id               uuid        PRIMARY KEY,
  tenant_id        text        NOT NULL,
  employee_id      text        NOT NULL,
  period_id        text        NOT NULL,
  period_start     timestamptz NOT NULL,
  period_end       timestamptz NOT NULL,
  frequency        text        NOT NULL,
  template_id      text        NOT NULL,
  template_version integer     NOT NULL,
  status           text        NOT NULL CHECK (status IN ('draft', 'in_review', 'approved', 'disputed', 'final')),
  -- The KRAs/KPIs exactly as compute sent them.
  computed         jsonb       NOT NULL,
  computed_total   double precision,
  -- The effective result: compute's scores with every override applied, rolled up by @scorecard/scoring.
  result           jsonb       NOT NULL,
  total_score      double precision,
  rating_band      text,
  run_id           text,
  inputs_hash      text,
  computed_at      timestamptz NOT NULL,
  status_changed_by text,
  status_changed_at timestamptz NOT NULL DEFAULT now(),
  finalized_by     text,
  finalized_at     timestamptz,
  created_at       timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, employee_id, period_id)
);
CREATE INDEX scorecards_period ON scorecards (tenant_id, period_id);

-- Overrides are history: each is a new row; the latest per (scorecard, entity) is effective.
CREATE TABLE overrides (
  id          uuid             PRIMARY KEY,
  tenant_id   text             NOT NULL,
  scorecard_id uuid            NOT NULL REFERENCES scorecards (id),
  period_id   text             NOT NULL,
  entity_type text             NOT NULL CHECK (entity_type IN ('kpi', 'kra', 'overall')),
  entity_id   text             NOT NULL DEFAULT '',
  old_score   double precision,
  new_score   double precision NOT NULL,
  reason      text             NOT NULL CHECK (length(btrim(reason)) > 0),
  reviewer    text             NOT NULL,
  created_at  timestamptz      NOT NULL DEFAULT now()
);
CREATE INDEX overrides_scorecard ON overrides (scorecard_id, created_at);

CREATE TABLE scorecard_notes (
  id           uuid        PRIMARY KEY,
  tenant_id    text        NOT NULL,
  scorecard_id uuid        NOT NULL REFERENCES scorecards (id),
  period_id    text        NOT NULL,
  author       text        NOT NULL,
  note         text        NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX scorecard_notes_scorecard ON scorecard_notes (scorecard_id, created_at);

CREATE TABLE disputes (
  id           uuid        PRIMARY KEY,
  tenant_id    text        NOT NULL,
  scorecard_id uuid        NOT NULL REFERENCES scorecards (id),
  period_id    text        NOT NULL,
  raised_by    text        NOT NULL,
  -- general | wrong_attribution (then kpi_id and the record are named)
  kind         text        NOT NULL CHECK (kind IN ('general', 'wrong_attribution')),
  reason       text        NOT NULL,
  kpi_id       text,
  record       jsonb,
  status       text        NOT NULL CHECK (status IN ('open', 'resolved')),
  resolution   text,
  resolved_by  text,
  resolved_at  timestamptz,
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX disputes_open ON disputes (tenant_id, status);

-- Rows of a finalized period cannot be added: new scorecards, overrides, notes or disputes for it are
-- refused with the same SQLSTATE as the row triggers (55S01).
CREATE OR REPLACE FUNCTION "review".reject_in_finalized_period() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM "review".finalized_periods f
              WHERE f.tenant_id = NEW.tenant_id AND f.period_id = NEW.period_id) THEN
    RAISE EXCEPTION 'period % is finalized: % is immutable', NEW.period_id, TG_TABLE_NAME
      USING ERRCODE = '55S01';
  END IF;
  RETURN NEW;
END $$;

CREATE OR REPLACE TRIGGER scorecards_period_open BEFORE INSERT ON "review"."scorecards"
  FOR EACH ROW EXECUTE FUNCTION "review".reject_in_finalized_period();
CREATE OR REPLACE TRIGGER overrides_period_open BEFORE INSERT ON "review"."overrides"
  FOR EACH ROW EXECUTE FUNCTION "review".reject_in_finalized_period();
CREATE OR REPLACE TRIGGER scorecard_notes_period_open BEFORE INSERT ON "review"."scorecard_notes"
  FOR EACH ROW EXECUTE FUNCTION "review".reject_in_finalized_period();
CREATE OR REPLACE TRIGGER disputes_period_open BEFORE INSERT ON "review"."disputes"
  FOR EACH ROW EXECUTE FUNCTION "review".reject_in_finalized_period();

-- A final scorecard (its results and status) never changes again.
CREATE OR REPLACE TRIGGER scorecards_immutable BEFORE UPDATE OR DELETE ON "review"."scorecards"
  FOR EACH ROW WHEN (OLD.status = 'final') EXECUTE FUNCTION "review".reject_mutation();
CREATE OR REPLACE TRIGGER scorecards_no_truncate BEFORE TRUNCATE ON "review"."scorecards"
  FOR EACH STATEMENT EXECUTE FUNCTION "review".reject_mutation();

-- Overrides and notes are history from the start.
CREATE OR REPLACE TRIGGER overrides_no_mutation BEFORE UPDATE OR DELETE ON "review"."overrides"
  FOR EACH ROW EXECUTE FUNCTION "review".reject_mutation();
CREATE OR REPLACE TRIGGER overrides_no_truncate BEFORE TRUNCATE ON "review"."overrides"
  FOR EACH STATEMENT EXECUTE FUNCTION "review".reject_mutation();
CREATE OR REPLACE TRIGGER scorecard_notes_no_mutation BEFORE UPDATE OR DELETE ON "review"."scorecard_notes"
  FOR EACH ROW EXECUTE FUNCTION "review".reject_mutation();
CREATE OR REPLACE TRIGGER scorecard_notes_no_truncate BEFORE TRUNCATE ON "review"."scorecard_notes"
  FOR EACH STATEMENT EXECUTE FUNCTION "review".reject_mutation();

-- Disputes are resolved in place (status, resolution) until their period is finalized.
CREATE OR REPLACE FUNCTION "review".reject_when_period_finalized() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM "review".finalized_periods f
              WHERE f.tenant_id = OLD.tenant_id AND f.period_id = OLD.period_id) THEN
    RAISE EXCEPTION 'period % is finalized: % is immutable', OLD.period_id, TG_TABLE_NAME
      USING ERRCODE = '55S01';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;
CREATE OR REPLACE TRIGGER disputes_immutable BEFORE UPDATE OR DELETE ON "review"."disputes"
  FOR EACH ROW EXECUTE FUNCTION "review".reject_when_period_finalized();

-- Improvement plans recommended at finalization: the bonus gate no_active_pip reads them.
CREATE TABLE improvement_plans (
  tenant_id   text        NOT NULL,
  employee_id text        NOT NULL,
  period_id   text        NOT NULL,
  rule_id     text        NOT NULL,
  reason      text        NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, employee_id, period_id, rule_id)
);

-- Signed outgoing webhooks written with the finalization and delivered after it commits.
CREATE TABLE webhook_deliveries (
  id           bigserial   PRIMARY KEY,
  tenant_id    text        NOT NULL,
  url          text        NOT NULL,
  event        text        NOT NULL,
  body         jsonb       NOT NULL,
  attempts     integer     NOT NULL DEFAULT 0,
  last_error   text,
  delivered_at timestamptz,
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX webhook_deliveries_pending ON webhook_deliveries (id) WHERE delivered_at IS NULL;
