-- A scorecard belongs to a person: one built only from staff KPIs (no template resolves for the
-- person) has no template.
ALTER TABLE scorecards ALTER COLUMN template_id DROP NOT NULL, ALTER COLUMN template_version DROP NOT NULL;

-- Active people with nothing scoreable in a period (compute's UNSCORED results): HR's `unscored`
-- exception queue. A later scored result for the person and period removes the row.
CREATE TABLE unscored_results (
  tenant_id    text        NOT NULL,
  employee_id  text        NOT NULL,
  period_id    text        NOT NULL,
  period_start timestamptz NOT NULL,
  period_end   timestamptz NOT NULL,
  -- no_kpis_assigned | no_data | on_leave
  reason       text        NOT NULL,
  computed_at  timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, period_id, employee_id)
);
CREATE INDEX unscored_results_tenant ON unscored_results (tenant_id, period_start DESC);
