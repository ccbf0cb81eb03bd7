-- Staff KPI assignments (review's scorecard.review.changed.v1 STAFF_KPI_CHANGED): KPIs belong to the
-- person, so a scorecard is the template's KPIs ∪ the person's staff KPIs active in the period. One
-- row per assignment as it last stood; an older state arriving late is ignored.
CREATE TABLE staff_kpis (
  tenant_id            text             NOT NULL,
  employee_id          text             NOT NULL,
  staff_kpi_id         text             NOT NULL,
  kpi_id               text             NOT NULL,
  source               text             NOT NULL,
  contract_id          text,
  contract_template_id text,
  custom_target        double precision,
  weight               double precision,
  status               text             NOT NULL CHECK (status IN ('active', 'inactive')),
  -- The assignment counts in a period overlapping [active_from, active_to); NULL = still active.
  active_from          timestamptz      NOT NULL,
  active_to            timestamptz,
  changed_at           timestamptz      NOT NULL,
  PRIMARY KEY (tenant_id, employee_id, staff_kpi_id)
);

-- A person with nothing scoreable in a period still has a result: unscored_reason says why
-- (no_kpis_assigned | no_data | on_leave) and there is no total. A person without a template has a
-- scorecard built from staff KPIs alone (template_id NULL). staff_kpis records the assignment set
-- the result was scored with.
ALTER TABLE performance_results
  ALTER COLUMN template_id DROP NOT NULL,
  ALTER COLUMN template_version DROP NOT NULL,
  ADD COLUMN unscored_reason text,
  ADD COLUMN staff_kpis jsonb NOT NULL DEFAULT '[]';
