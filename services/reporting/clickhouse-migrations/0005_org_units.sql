-- Departments and teams from HR org_unit events: the names reports show for department ids.
CREATE TABLE IF NOT EXISTS org_units
(
    tenant_id LowCardinality(String),
    id        String,
    name      String,
    kind      LowCardinality(String),
    status    LowCardinality(String),
    version   UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (tenant_id, id);
