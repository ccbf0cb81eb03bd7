import type { ClickHouseClient } from '@scorecard/clickhouse';
import type { TopicMessage } from '@scorecard/contracts';
import { chTime } from './ch-time';

type PayrollBonus = TopicMessage<'scorecard.payroll.bonus.v1'>;

export async function writeBonusDecisions(
  ch: ClickHouseClient,
  decisions: readonly PayrollBonus[],
): Promise<void> {
  if (decisions.length === 0) return;
  await ch.insert({
    table: 'bonus_decisions',
    format: 'JSONEachRow',
    values: decisions.map((b) => ({
      tenant_id: b.tenantId,
      employee_id: b.employeeId,
      period_id: b.period?.id ?? '',
      eligible: b.eligible,
      factor: b.factor,
      total_score: b.totalScore ?? null,
      rating_band: b.ratingBand,
      failed_gates: b.failedGates.map((g) => g.gate),
      policy_id: b.policy?.id ?? '',
      policy_version: b.policy?.version ?? 0,
      decided_at: chTime(b.decidedAt),
      version: Date.parse(b.decidedAt) || 0,
    })),
  });
}
