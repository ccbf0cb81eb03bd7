-- People from HR source events (scorecard.source.hr.v1), the reporting line for manager scope, and
-- the registry configuration review needs (lifecycle, bonus policies, trigger rules). Read models:
-- rebuilt from events, never edited through the API.
CREATE TABLE people (
  tenant_id     text        NOT NULL,
  employee_id   text        NOT NULL,
  name          text,
  email         text,
  department_id text,
  role          text,
  role_group    text,
  team_id       text,
  manager_id    text,
  hired_at      timestamptz,
  exited_at     timestamptz,
  status        text,
  -- The HR event version last applied: an older event arriving late does not overwrite newer state.
  version       bigint      NOT NULL DEFAULT 0,
  updated_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, employee_id)
);
CREATE INDEX people_manager ON people (tenant_id, manager_id);

-- Transitive closure of "manages": one row per (manager, direct or indirect report), depth 1 for a
-- direct report. Scope checks are a single indexed lookup instead of a recursive walk per request.
CREATE TABLE manager_closure (
  tenant_id   text    NOT NULL,
  manager_id  text    NOT NULL,
  employee_id text    NOT NULL,
  depth       integer NOT NULL CHECK (depth >= 1),
  PRIMARY KEY (tenant_id, manager_id, employee_id)
);
CREATE INDEX manager_closure_employee ON manager_closure (tenant_id, employee_id, depth);

-- Contracts as HR reported them; the lifecycle reacts to new ones and renewals.
CREATE TABLE contracts (
  tenant_id            text        NOT NULL,
  contract_id          text        NOT NULL,
  employee_id          text        NOT NULL,
  contract_template_id text,
  kind                 text,
  status               text,
  starts_at            timestamptz,
  ends_at              timestamptz,
  version              bigint      NOT NULL DEFAULT 0,
  PRIMARY KEY (tenant_id, contract_id)
);

-- Registry entities (scorecard.registry.changed.v1) by type: kpi, contract_template, bonus_policy,
-- trigger_rule, rating_scheme. `state` is the registry's JSON for the entity.
CREATE TABLE registry_entities (
  tenant_id   text        NOT NULL,
  entity_type text        NOT NULL,
  entity_id   text        NOT NULL,
  version     integer     NOT NULL,
  active      boolean     NOT NULL,
  state       jsonb       NOT NULL,
  changed_at  timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, entity_type, entity_id)
);
