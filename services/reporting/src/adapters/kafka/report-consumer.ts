import type { ClickHouseClient } from '@scorecard/clickhouse';
import type { SourceEventMessage } from '@scorecard/contracts';
import { sourceEventData } from '@scorecard/contracts';
import type { Consumed } from '@scorecard/kafka';
import { assertNever } from '@scorecard/errors';
import { currentTraceId } from '@scorecard/telemetry';
import type { AggregateRefresher } from '../../app/aggregate-refresher';
import { writeBonusDecisions } from '../clickhouse/bonus-store';
import { writeOrgUnits, type OrgUnitRow } from '../clickhouse/names-store';
import { writePeople, type PersonRow } from '../clickhouse/people-store';
import { writeScores } from '../clickhouse/score-store';
import { periodsOf } from '../clickhouse/stale-periods';

export const REPORT_TOPICS = [
  'scorecard.score.computed.v1',
  'scorecard.source.hr.v1',
  'scorecard.payroll.bonus.v1',
] as const;
type ReportTopic = (typeof REPORT_TOPICS)[number];

const str = (v: unknown) => (typeof v === 'string' ? v : '');

function personRow(env: SourceEventMessage): PersonRow | undefined {
  if (env.entity !== 'employee') return undefined;
  const { op, data } = sourceEventData(env);
  return {
    tenant_id: env.tenantId,
    employee_id: env.id,
    name: str(data['name']),
    department_id: str(data['department_id']),
    role_group: str(data['role_group']),
    team_id: str(data['team_id']),
    manager_id: str(data['manager_id']),
    status: op === 'delete' ? 'deleted' : str(data['status']) || 'active',
    version: Number(env.version) || 0,
  };
}

function orgUnitRow(env: SourceEventMessage): OrgUnitRow | undefined {
  if (env.entity !== 'org_unit') return undefined;
  const { op, data } = sourceEventData(env);
  return {
    tenant_id: env.tenantId,
    id: env.id,
    name: str(data['name']),
    kind: str(data['kind']),
    status: op === 'delete' ? 'deleted' : str(data['status']) || 'active',
    version: Number(env.version) || 0,
  };
}

/**
 * One batch (one partition of one topic) into ClickHouse. Every table is a versioned
 * ReplacingMergeTree, so redelivery after a crash rewrites the same rows: no dedupe table needed.
 */
export function reportBatchHandler(ch: ClickHouseClient, refresher: AggregateRefresher) {
  return async (batch: Consumed<ReportTopic>[]): Promise<void> => {
    const first = batch[0];
    if (!first) return;
    const topic = first.topic;
    switch (topic) {
      case 'scorecard.score.computed.v1': {
        const scores = batch.flatMap((m) =>
          m.topic === topic ? [{ score: m.value, traceId: currentTraceId() ?? '' }] : [],
        );
        await writeScores(ch, scores);
        for (const { score } of scores) refresher.markDirty(score.tenantId, [score.period?.id ?? '']);
        return;
      }
      case 'scorecard.source.hr.v1': {
        const people = batch.flatMap((m) =>
          m.topic === topic ? [personRow(m.value)].filter((p): p is PersonRow => p !== undefined) : [],
        );
        await writePeople(ch, people);
        await writeOrgUnits(
          ch,
          batch.flatMap((m) =>
            m.topic === topic ? [orgUnitRow(m.value)].filter((u) => u !== undefined) : [],
          ),
        );
        const byTenant = new Map<string, string[]>();
        for (const p of people)
          byTenant.set(p.tenant_id, [...(byTenant.get(p.tenant_id) ?? []), p.employee_id]);
        for (const [tenant, ids] of byTenant) refresher.markDirty(tenant, await periodsOf(ch, tenant, ids));
        return;
      }
      case 'scorecard.payroll.bonus.v1':
        await writeBonusDecisions(
          ch,
          batch.flatMap((m) => (m.topic === topic ? [m.value] : [])),
        );
        return;
      default:
        assertNever(topic);
    }
  };
}
