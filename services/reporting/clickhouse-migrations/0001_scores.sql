-- Person-level scores as compute last published them, one row per key. ReplacingMergeTree keeps
-- the highest `version` (the compute time), so replayed or duplicated events never double-count;
-- reads use FINAL.
CREATE TABLE IF NOT EXISTS person_period_scores
(
    tenant_id        LowCardinality(String),
    employee_id      String,
    period_id        String,
    period_start     DateTime64(3, 'UTC'),
    period_end       DateTime64(3, 'UTC'),
    frequency        LowCardinality(String),
    status           LowCardinality(String),
    total_score      Nullable(Float64),
    rating_band      LowCardinality(String),
    template_id      String,
    template_version UInt32,
    computed_at      DateTime64(3, 'UTC'),
    trace_id         String,
    version          UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (tenant_id, employee_id, period_id);

CREATE TABLE IF NOT EXISTS person_period_kras
(
    tenant_id    LowCardinality(String),
    employee_id  String,
    period_id    String,
    period_start DateTime64(3, 'UTC'),
    kra_id       String,
    score        Nullable(Float64),
    weight       Float64,
    version      UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (tenant_id, employee_id, period_id, kra_id);

CREATE TABLE IF NOT EXISTS person_period_kpis
(
    tenant_id      LowCardinality(String),
    employee_id    String,
    period_id      String,
    period_start   DateTime64(3, 'UTC'),
    kra_id         String,
    kpi_id         String,
    actual         Nullable(Float64),
    score          Nullable(Float64),
    weight         Float64,
    status         LowCardinality(String),
    label          LowCardinality(String),
    evidence_count UInt32,
    version        UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (tenant_id, employee_id, period_id, kra_id, kpi_id);
