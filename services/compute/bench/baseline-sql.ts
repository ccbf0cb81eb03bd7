/**
 * The hand-written baseline for the compute bench: ONE statement computing the same 23 KPI
 * actuals per person (the 20 ISP ones and the care workers' 3, with the binding settings' defaults) as the compiled bindings (bench-data.ts), with the same semantics — latest
 * record versions whose time field is in the half-open period, the owner taken from the version
 * current at that instant, team credit to the team's members at that instant — but no evidence
 * ids and no scoring. $1 tenant, $2 period start, $3 period end.
 */
const owned = (source: string, entity: string, time: string, owner: string, where: string) => `
  SELECT r.entity_id, r.data, r.t,
         CASE WHEN r.valid_from <= r.t THEN r.data->>'${owner}'
              ELSE (SELECT v.data->>'${owner}' FROM source_facts v
                    WHERE v.tenant_id = r.tenant_id AND v.source = r.source AND v.entity = r.entity AND v.entity_id = r.entity_id
                      AND v.op = 'upsert' AND v.valid_from <= r.t AND r.t < v.valid_to) END AS owner
  FROM (SELECT f.*, (f.data->>'${time}')::timestamptz AS t FROM source_facts f
        WHERE f.tenant_id = $1 AND f.source = '${source}' AND f.entity = '${entity}' AND f.is_latest AND f.op = 'upsert'
          AND ${where}) r
  WHERE r.t >= $2 AND r.t < $3`;

export const baselineSql = `
WITH
tk AS (${owned('ticketing', 'ticket', 'closed_at', 'assigned_to', `f.data->>'status' = 'closed'`)}),
tk_team_holder AS (${owned('ticketing', 'ticket', 'closed_at', 'team_id', `f.data->>'status' = 'closed'`)}),
tk_agg AS (
  SELECT owner AS employee_id,
         count(*)::float8 AS tk_closed,
         avg((data->>'csat')::float8) AS tk_csat,
         avg(h) AS tk_hours,
         percentile_cont(0.9) WITHIN GROUP (ORDER BY h) AS tk_p90_hours,
         100.0 * count(*) FILTER (WHERE NOT (data->>'sla_breached')::boolean) / count(*) AS tk_sla,
         sum((data->>'reopened_count')::float8) AS tk_reopened,
         count(*) FILTER (WHERE data->>'priority' IN ('high', 'urgent'))::float8 AS tk_urgent
  FROM (SELECT tk.*, extract(epoch FROM (data->>'closed_at')::timestamptz - (data->>'created_at')::timestamptz) / 3600 AS h FROM tk) x
  WHERE owner IS NOT NULL GROUP BY owner),
tk_team AS (
  SELECT m.entity_id AS employee_id, count(*)::float8 AS tk_team
  FROM tk_team_holder h JOIN source_facts m ON m.tenant_id = $1 AND m.source = 'hr' AND m.entity = 'employee' AND m.op = 'upsert'
    AND m.data->>'team_id' = h.owner AND m.valid_from <= h.t AND h.t < m.valid_to
  GROUP BY m.entity_id),
wo AS (${owned('field_service', 'work_order', 'completed_at', 'technician_id', `f.data->>'status' = 'completed'`)}),
wo_agg AS (
  SELECT owner AS employee_id,
         count(*)::float8 AS wo_done,
         avg((data->>'customer_rating')::float8) AS wo_rating,
         100.0 * count(*) FILTER (WHERE (data->>'first_time_fix')::boolean) / count(*) AS wo_ftf,
         avg(extract(epoch FROM (data->>'arrived_at')::timestamptz - (data->>'travel_started_at')::timestamptz) / 60) AS wo_arrival,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY (data->>'customer_rating')::float8) AS wo_rating_p50
  FROM wo WHERE owner IS NOT NULL GROUP BY owner),
inc AS (${owned('noc', 'incident', 'resolved_at', 'assigned_to', `(f.data->>'false_positive')::boolean = false`)}),
in_agg AS (
  SELECT owner AS employee_id,
         count(*)::float8 AS in_resolved,
         avg(extract(epoch FROM (data->>'resolved_at')::timestamptz - (data->>'started_at')::timestamptz) / 60) AS in_mttr,
         count(*) FILTER (WHERE data->>'severity' IN ('major', 'critical'))::float8 AS in_major
  FROM inc WHERE owner IS NOT NULL GROUP BY owner),
dl AS (${owned('crm', 'deal', 'closed_at', 'owner_id', `(f.data->>'won')::boolean = true`)}),
dl_agg AS (
  SELECT owner AS employee_id, count(*)::float8 AS dl_won, sum((data->>'amount')::float8) AS dl_amount
  FROM dl WHERE owner IS NOT NULL GROUP BY owner),
iv AS (${owned('finance', 'invoice', 'issued_at', 'created_by', 'true')}),
iv_agg AS (
  SELECT owner AS employee_id, count(*)::float8 AS iv_issued,
         100.0 * count(*) FILTER (WHERE NOT (data->>'corrected')::boolean) / count(*) AS iv_clean
  FROM iv WHERE owner IS NOT NULL GROUP BY owner),
sh AS (${owned('care', 'shift', 'scheduled_start', 'worker_id', `f.data->>'status' IN ('completed', 'missed', 'cancelled_by_worker')`)}),
sh_agg AS (
  SELECT owner AS employee_id,
         100.0 * count(*) FILTER (WHERE data->>'status' = 'completed'
           AND extract(epoch FROM (data->>'actual_start')::timestamptz - (data->>'scheduled_start')::timestamptz) / 60 <= 5) / count(*) AS care_attendance,
         100.0 * count(*) FILTER (WHERE data->>'status' <> 'missed' AND (data->>'late_notice')::boolean IS DISTINCT FROM true) / count(*) AS care_coverage
  FROM sh WHERE owner IS NOT NULL GROUP BY owner),
tr AS (${owned('learning', 'training_record', 'due_at', 'employee_id', `(f.data->>'mandatory')::boolean = true`)}),
tr_agg AS (
  SELECT owner AS employee_id,
         100.0 * count(*) FILTER (WHERE extract(epoch FROM (data->>'completed_at')::timestamptz - (data->>'due_at')::timestamptz) / 86400 <= 0) / count(*) AS care_training
  FROM tr WHERE owner IS NOT NULL GROUP BY owner)
SELECT p.employee_id,
       tk_closed, tk_csat, tk_hours, tk_p90_hours, tk_sla, tk_reopened, tk_urgent, tk_team,
       wo_done, wo_rating, wo_ftf, wo_arrival, wo_rating_p50,
       in_resolved, in_mttr, in_major, dl_won, dl_amount, iv_issued, iv_clean,
       care_attendance, care_coverage, care_training
FROM people p
LEFT JOIN tk_agg USING (employee_id) LEFT JOIN tk_team USING (employee_id) LEFT JOIN wo_agg USING (employee_id)
LEFT JOIN in_agg USING (employee_id) LEFT JOIN dl_agg USING (employee_id) LEFT JOIN iv_agg USING (employee_id)
LEFT JOIN sh_agg USING (employee_id) LEFT JOIN tr_agg USING (employee_id)
WHERE p.tenant_id = $1
ORDER BY p.employee_id`;
