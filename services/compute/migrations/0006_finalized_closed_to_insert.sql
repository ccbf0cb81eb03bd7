-- A finalized period is closed to new rows too, not only to UPDATE/DELETE (0002): a result, KRA/KPI
-- row or scorecard instance inserted into it is refused with the row triggers' SQLSTATE (55S01), as
-- review does for its own tables. Runs and the incremental path already refuse finalized periods;
-- this holds for any other writer. One check per statement (a transition table), not per row: a
-- full run inserts hundreds of thousands of KPI rows.
CREATE OR REPLACE FUNCTION "compute".reject_rows_in_finalized_period() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  closed text;
BEGIN
  SELECT n.period_id INTO closed
    FROM (SELECT DISTINCT tenant_id, period_id FROM new_rows) n
    JOIN "compute".periods p ON p.tenant_id = n.tenant_id AND p.id = n.period_id AND p.status = 'finalized'
   LIMIT 1;
  IF closed IS NOT NULL THEN
    RAISE EXCEPTION 'period % is finalized: % is immutable', closed, TG_TABLE_NAME USING ERRCODE = '55S01';
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER performance_results_period_open AFTER INSERT ON "compute"."performance_results"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "compute".reject_rows_in_finalized_period();
CREATE TRIGGER kra_results_period_open AFTER INSERT ON "compute"."kra_results"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "compute".reject_rows_in_finalized_period();
CREATE TRIGGER kpi_results_period_open AFTER INSERT ON "compute"."kpi_results"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "compute".reject_rows_in_finalized_period();
CREATE TRIGGER scorecard_instances_period_open AFTER INSERT ON "compute"."scorecard_instances"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "compute".reject_rows_in_finalized_period();
