-- Materialized aggregates per group (department or role group) × column (KPI, KRA, or the overall
-- score) × period. Rebuilt from the FINAL person tables for each period a batch touched, so a
-- replayed event replaces rather than adds; `people` drives the small-group privacy rule.
CREATE TABLE IF NOT EXISTS group_period_scores
(
    tenant_id    LowCardinality(String),
    group_kind   LowCardinality(String),
    group_id     String,
    col_kind     LowCardinality(String),
    col_id       String,
    period_id    String,
    period_start DateTime64(3, 'UTC'),
    people       UInt32,
    score_sum    Float64,
    version      UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (tenant_id, group_kind, col_kind, period_start, group_id, col_id, period_id);
