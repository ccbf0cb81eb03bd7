-- Tenant settings of the binding language (`BINDING_SETTINGS` in @scorecard/bindings: grace
-- minutes, which statuses count …), as {name: value}; a binding query reads them itself and falls
-- back to the setting's default. A tenant may set these without choosing a time zone.
ALTER TABLE tenant_settings ADD COLUMN binding_settings jsonb NOT NULL DEFAULT '{}'::jsonb;
ALTER TABLE tenant_settings ALTER COLUMN timezone DROP NOT NULL;
