import type { ClickHouseClient } from '@scorecard/clickhouse';
import type { TopicMessage } from '@scorecard/contracts';
import { chTime } from './ch-time';

type ScoreComputed = TopicMessage<'scorecard.score.computed.v1'>;

const STATUS = ['unspecified', 'provisional', 'final', 'unscored'] as const;

/**
 * Writes a batch of score events. The version is the compute time, so a replay or an older
 * event arriving late never replaces a newer score (ReplacingMergeTree keeps the highest version).
 */
export async function writeScores(
  ch: ClickHouseClient,
  events: readonly { score: ScoreComputed; traceId: string }[],
): Promise<void> {
  const scores = [];
  const kras = [];
  const kpis = [];
  for (const { score: s, traceId } of events) {
    const version = Date.parse(s.computedAt) || 0;
    const key = {
      tenant_id: s.tenantId,
      employee_id: s.employeeId,
      period_id: s.period?.id ?? '',
      period_start: chTime(s.period?.start),
    };
    scores.push({
      ...key,
      period_end: chTime(s.period?.end),
      frequency: s.period?.frequency ?? '',
      status: STATUS[s.status] ?? 'unspecified',
      total_score: s.totalScore ?? null,
      rating_band: s.ratingBand,
      template_id: s.template?.id ?? '',
      template_version: s.template?.version ?? 0,
      computed_at: chTime(s.computedAt),
      trace_id: traceId,
      version,
    });
    for (const kra of s.kras) {
      kras.push({ ...key, kra_id: kra.kraId, score: kra.score ?? null, weight: kra.weight, version });
      for (const k of kra.kpis) {
        kpis.push({
          ...key,
          kra_id: kra.kraId,
          kpi_id: k.kpiId,
          actual: k.actual ?? null,
          score: k.score ?? null,
          weight: k.weight,
          status: k.status,
          label: k.label,
          evidence_count: k.evidenceCount,
          version,
        });
      }
    }
  }
  await ch.insert({ table: 'person_period_scores', format: 'JSONEachRow', values: scores });
  if (kras.length > 0) await ch.insert({ table: 'person_period_kras', format: 'JSONEachRow', values: kras });
  if (kpis.length > 0) await ch.insert({ table: 'person_period_kpis', format: 'JSONEachRow', values: kpis });
}
