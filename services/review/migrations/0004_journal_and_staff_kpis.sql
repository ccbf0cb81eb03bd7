-- Staff KPI assignments (person-centric: KPIs belong to the person, not the contract) and the Living
-- Journal. Assignments are deactivated, never deleted; the journal is append-only.
CREATE TABLE staff_kpis (
  id                   uuid        PRIMARY KEY,
  tenant_id            text        NOT NULL,
  staff_id             text        NOT NULL,
  kpi_id               text        NOT NULL,
  contract_id          text,
  source               text        NOT NULL CHECK (source IN ('template', 'manual', 'role_default')),
  -- The role group whose defaults brought the KPI in (a role change deactivates those).
  role_group           text,
  status               text        NOT NULL CHECK (status IN ('active', 'inactive')),
  weight               double precision,
  is_required          boolean     NOT NULL DEFAULT false,
  custom_target        double precision,
  current_score        double precision,
  previous_score       double precision,
  current_effort_score double precision,
  score_trend          text CHECK (score_trend IN ('up', 'down', 'stable')),
  trend_percentage     double precision,
  -- The period current_score belongs to: a re-score of the same period replaces current_score,
  -- a new period moves it to previous_score first.
  current_period_id    text,
  last_evaluated_at    timestamptz,
  next_evaluation_due  timestamptz,
  assigned_at          timestamptz NOT NULL DEFAULT now(),
  deactivated_at       timestamptz,
  deactivation_reason  text,
  UNIQUE (tenant_id, staff_id, kpi_id)
);
CREATE INDEX staff_kpis_due ON staff_kpis (tenant_id, next_evaluation_due) WHERE status = 'active';

CREATE OR REPLACE TRIGGER staff_kpis_no_delete BEFORE DELETE ON "review"."staff_kpis"
  FOR EACH ROW EXECUTE FUNCTION "review".reject_mutation();
CREATE OR REPLACE TRIGGER staff_kpis_no_truncate BEFORE TRUNCATE ON "review"."staff_kpis"
  FOR EACH STATEMENT EXECUTE FUNCTION "review".reject_mutation();

CREATE TABLE journal_entries (
  id                 uuid        PRIMARY KEY,
  tenant_id          text        NOT NULL,
  staff_id           text        NOT NULL,
  staff_kpi_id       uuid        REFERENCES staff_kpis (id),
  kpi_id             text,
  period_id          text,
  entry_type         text        NOT NULL CHECK (entry_type IN (
    'kpi_assigned', 'kpi_deactivated', 'score_recorded', 'score_adjustment', 'effort_rating',
    'effort_recognition', 'observation', 'coaching_session', 'catchup_note', 'incident_link',
    'feedback_received', 'goal_agreed', 'training_update', 'staff_response', 'approval_requested',
    'approval_decision')),
  title              text        NOT NULL,
  content            text        NOT NULL DEFAULT '',
  score_impact       double precision,
  score_before       double precision,
  score_after        double precision,
  effort_recognized  boolean     NOT NULL DEFAULT false,
  effort_rating      integer CHECK (effort_rating BETWEEN 1 AND 5),
  effort_notes       text,
  visible_to_staff   boolean     NOT NULL,
  pending_approval   boolean     NOT NULL DEFAULT false,
  linked_catchup_id  text,
  linked_incident_id text,
  -- approval_requested / approval_decision / staff_response: the entry they are about.
  linked_entry_id    uuid        REFERENCES journal_entries (id),
  -- approval_decision only: approved | rejected
  decision           text CHECK (decision IN ('approved', 'rejected')),
  author_id          text        NOT NULL,
  created_at         timestamptz NOT NULL DEFAULT now(),
  CHECK ((entry_type = 'approval_decision') = (decision IS NOT NULL))
);
CREATE INDEX journal_entries_staff ON journal_entries (tenant_id, staff_id, created_at);
CREATE INDEX journal_entries_pending ON journal_entries (tenant_id, created_at) WHERE pending_approval;
-- One decision per pending entry: a second approver racing the first gets a unique violation.
CREATE UNIQUE INDEX journal_entries_one_decision ON journal_entries (linked_entry_id)
  WHERE entry_type = 'approval_decision';

CREATE OR REPLACE TRIGGER journal_entries_no_mutation BEFORE UPDATE OR DELETE ON "review"."journal_entries"
  FOR EACH ROW EXECUTE FUNCTION "review".reject_mutation();
CREATE OR REPLACE TRIGGER journal_entries_no_truncate BEFORE TRUNCATE ON "review"."journal_entries"
  FOR EACH STATEMENT EXECUTE FUNCTION "review".reject_mutation();

-- Escalations already announced (the sweep notifies each new approver once).
CREATE TABLE approval_escalations (
  entry_id    uuid        NOT NULL REFERENCES journal_entries (id),
  level       integer     NOT NULL,
  approver_id text        NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (entry_id, level)
);
