-- Configuration that changes in place: KPIs (the merged KPI / kpi-module model), KRAs (with their
-- KPI map), bindings, bonus policies, trigger rules and rating schemes. Each change bumps
-- `version`, and the audit log keeps every before/after, so history is never lost.
CREATE TABLE config_entities (
  tenant_id   text        NOT NULL,
  entity_type text        NOT NULL
    CHECK (entity_type IN ('kpi', 'kra', 'binding', 'bonus_policy', 'trigger_rule', 'rating_scheme')),
  id          text        NOT NULL,
  version     integer     NOT NULL DEFAULT 1,
  body        jsonb       NOT NULL,
  active      boolean     NOT NULL DEFAULT true,
  is_seed     boolean     NOT NULL DEFAULT false,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, entity_type, id)
);
CREATE UNIQUE INDEX config_entities_kpi_slug ON config_entities (tenant_id, (body->>'slug')) WHERE entity_type = 'kpi';
-- Compute measures a KPI with one binding.
CREATE UNIQUE INDEX config_entities_binding_kpi ON config_entities (tenant_id, (body->>'kpi_id')) WHERE entity_type = 'binding';

-- A scorecard template: a name and an active flag over immutable published versions.
CREATE TABLE templates (
  tenant_id      text        NOT NULL,
  id             text        NOT NULL,
  name           text        NOT NULL,
  active         boolean     NOT NULL DEFAULT true,
  is_seed        boolean     NOT NULL DEFAULT false,
  latest_version integer     NOT NULL DEFAULT 0,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id)
);

-- Published versions never change: scorecards pin one, so editing a template publishes the next.
CREATE TABLE template_versions (
  tenant_id           text        NOT NULL,
  template_id         text        NOT NULL,
  version             integer     NOT NULL CHECK (version >= 1),
  scope_role          text,
  scope_role_group    text,
  scope_department_id text,
  effective_from      timestamptz NOT NULL,
  effective_to        timestamptz CHECK (effective_to > effective_from),
  body                jsonb       NOT NULL,
  published_at        timestamptz NOT NULL DEFAULT now(),
  published_by        text        NOT NULL,
  PRIMARY KEY (tenant_id, template_id, version),
  FOREIGN KEY (tenant_id, template_id) REFERENCES templates (tenant_id, id)
);
CREATE INDEX template_versions_scope ON template_versions (tenant_id, scope_role, scope_role_group, scope_department_id);

CREATE OR REPLACE TRIGGER template_versions_no_mutation BEFORE UPDATE OR DELETE ON "registry"."template_versions"
  FOR EACH ROW EXECUTE FUNCTION "registry".reject_mutation();
CREATE OR REPLACE TRIGGER template_versions_no_truncate BEFORE TRUNCATE ON "registry"."template_versions"
  FOR EACH STATEMENT EXECUTE FUNCTION "registry".reject_mutation();

-- Coaching: the KPIs a contract template attaches to whoever signs it (replaced as a set).
CREATE TABLE contract_template_kpis (
  tenant_id   text        NOT NULL,
  template_id text        NOT NULL,
  version     integer     NOT NULL DEFAULT 1,
  kpis        jsonb       NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, template_id)
);

-- Which seed library versions a tenant has received (installs are per tenant, idempotent).
CREATE TABLE library_installs (
  tenant_id       text        NOT NULL,
  library_version integer     NOT NULL,
  installed_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, library_version)
);
