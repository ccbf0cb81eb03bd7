import type { ClickHouseClient } from '@scorecard/clickhouse';
import type { TopicMessage } from '@scorecard/contracts';

type ScoreComputed = TopicMessage<'scorecard.score.computed.v1'>;

const STATUS = ['unspecified', 'provisional', 'final'] as const;
// DateTime64 accepts 'YYYY-MM-DD hh:mm:ss.sss'; ISO strings carry a T and a Z.
const chTime = (iso: string) =>
  iso ? new Date(iso).toISOString().replace('T', ' ').replace('Z', '') : '1970-01-01 00:00:00.000';

/**
 * Writes one score event. The version is the compute time, so a replay or an out-of-order older
 * event never replaces a newer score (ReplacingMergeTree keeps the highest version).
 */
export async function writeScore(ch: ClickHouseClient, s: ScoreComputed, traceId: string): Promise<void> {
  const version = Date.parse(s.computedAt) || 0;
  await ch.insert({
    table: 'person_period_scores',
    format: 'JSONEachRow',
    values: [
      {
        tenant_id: s.tenantId,
        employee_id: s.employeeId,
        period_id: s.period?.id ?? '',
        period_start: chTime(s.period?.start ?? ''),
        period_end: chTime(s.period?.end ?? ''),
        frequency: s.period?.frequency ?? '',
        status: STATUS[s.status] ?? 'unspecified',
        total_score: s.totalScore ?? null,
        rating_band: s.ratingBand,
        template_id: s.template?.id ?? '',
        template_version: s.template?.version ?? 0,
        computed_at: chTime(s.computedAt),
        trace_id: traceId,
        version,
      },
    ],
  });
  const kpis = s.kras.flatMap((kra) =>
    kra.kpis.map((k) => ({
      tenant_id: s.tenantId,
      employee_id: s.employeeId,
      period_id: s.period?.id ?? '',
      period_start: chTime(s.period?.start ?? ''),
      kra_id: kra.kraId,
      kpi_id: k.kpiId,
      actual: k.actual ?? null,
      score: k.score ?? null,
      weight: k.weight,
      status: k.status,
      label: k.label,
      evidence_count: k.evidenceCount,
      version,
    })),
  );
  if (kpis.length > 0) await ch.insert({ table: 'person_period_kpis', format: 'JSONEachRow', values: kpis });
}

export interface TrendPoint {
  period_id: string;
  period_start: string;
  status: string;
  total_score: number | null;
  rating_band: string;
  computed_at: string;
}

/** A person's scores over time, oldest first, within one tenant. */
export async function trendOf(
  ch: ClickHouseClient,
  tenantId: string,
  employeeId: string,
): Promise<TrendPoint[]> {
  const rs = await ch.query({
    query: `SELECT period_id, toString(period_start) AS period_start, status, total_score, rating_band, toString(computed_at) AS computed_at
            FROM person_period_scores FINAL
            WHERE tenant_id = {tenant:String} AND employee_id = {employee:String}
            ORDER BY period_start`,
    query_params: { tenant: tenantId, employee: employeeId },
    format: 'JSONEachRow',
  });
  return rs.json<TrendPoint>();
}
