-- A finalized period is closed to new rows too, not only to UPDATE/DELETE (0002): a result, KRA/KPI
-- row or scorecard instance inserted into it is refused with the row triggers' SQLSTATE (55S01), as
-- review does for its own tables. Runs and the incremental path already refuse finalized periods;
-- this holds for any other writer.
CREATE OR REPLACE FUNCTION "compute".reject_in_finalized_period() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM "compute".periods p
              WHERE p.tenant_id = NEW.tenant_id AND p.id = NEW.period_id AND p.status = 'finalized') THEN
    RAISE EXCEPTION 'period % is finalized: % is immutable', NEW.period_id, TG_TABLE_NAME
      USING ERRCODE = '55S01';
  END IF;
  RETURN NEW;
END $$;

CREATE OR REPLACE TRIGGER performance_results_period_open BEFORE INSERT ON "compute"."performance_results"
  FOR EACH ROW EXECUTE FUNCTION "compute".reject_in_finalized_period();
CREATE OR REPLACE TRIGGER kra_results_period_open BEFORE INSERT ON "compute"."kra_results"
  FOR EACH ROW EXECUTE FUNCTION "compute".reject_in_finalized_period();
CREATE OR REPLACE TRIGGER kpi_results_period_open BEFORE INSERT ON "compute"."kpi_results"
  FOR EACH ROW EXECUTE FUNCTION "compute".reject_in_finalized_period();
CREATE OR REPLACE TRIGGER scorecard_instances_period_open BEFORE INSERT ON "compute"."scorecard_instances"
  FOR EACH ROW EXECUTE FUNCTION "compute".reject_in_finalized_period();
