-- Evidence ids a full compute run keeps in Postgres between evaluating the bindings and writing
-- kpi_results (instead of shipping ~18 M ids to Node and back). Rows live for one run: the run
-- deletes its evaluation's rows when it ends (and any a crashed worker left, after a day), and an
-- evaluation is redone after a crash, so the table is scratch space and UNLOGGED (no WAL; emptied
-- by a crash restart, which loses nothing).
-- ref = <evaluation id>/<binding group>/<evidence slot>.
CREATE UNLOGGED TABLE evidence_scratch (
  eval_id     uuid   NOT NULL,
  ref         text   NOT NULL,
  employee_id text   NOT NULL,
  ids         text[] NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (ref, employee_id)
);
CREATE INDEX evidence_scratch_eval ON evidence_scratch (eval_id);
