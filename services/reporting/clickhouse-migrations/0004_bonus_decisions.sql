-- Bonus eligibility per person and finalized period, as review published it to payroll.
CREATE TABLE IF NOT EXISTS bonus_decisions
(
    tenant_id      LowCardinality(String),
    employee_id    String,
    period_id      String,
    eligible       Bool,
    factor         Float64,
    total_score    Nullable(Float64),
    rating_band    LowCardinality(String),
    failed_gates   Array(String),
    policy_id      String,
    policy_version UInt32,
    decided_at     DateTime64(3, 'UTC'),
    version        UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (tenant_id, period_id, employee_id);
