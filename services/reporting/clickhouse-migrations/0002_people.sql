-- The person dimension from HR events: what groups a score belongs to (department, role group)
-- and who manages whom (manager scope). Versioned like everything else.
CREATE TABLE IF NOT EXISTS people
(
    tenant_id     LowCardinality(String),
    employee_id   String,
    name          String,
    department_id String,
    role_group    String,
    team_id       String,
    manager_id    String,
    status        LowCardinality(String),
    version       UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (tenant_id, employee_id);
