import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { ScoreComputed_Status } from '@scorecard/contracts';
import type { ConsumedMessage } from '@scorecard/kafka';
import { effectiveOverrides, rescore } from '../domain/rescore';
import { snapshotFrom, type KpiFacts } from '../domain/scorecard-snapshot';
import { isFinalized } from '../adapters/postgres/period-store';
import { registryEntities } from '../adapters/postgres/registry-store';
import {
  findScorecardFor,
  insertScorecard,
  overridesOf,
  replaceComputed,
} from '../adapters/postgres/scorecard-store';
import { staffKpis } from '../adapters/postgres/staff-kpi-store';
import { clearUnscored, recordUnscored } from '../adapters/postgres/unscored-store';
import { notify } from './publish';
import { recordKpiEvaluation } from './record-kpi-evaluation';

/**
 * Builds or refreshes the scorecard instance for (person, period) from compute's snapshot. The
 * reviewers' overrides are re-applied on top of the new numbers; a finalized period is left
 * alone (compute locks its own results when it sees scorecard.period.finalized.v1), and an older
 * snapshot arriving after a newer one changes nothing. An UNSCORED result (an active person with
 * nothing scoreable) goes to HR's unscored queue instead of becoming a scorecard; an existing
 * scorecard takes its (score-less) KPIs so it no longer shows numbers that stopped counting.
 */
export async function recordComputedScore(
  msg: ConsumedMessage<'scorecard.score.computed.v1'>,
  em: EntityManager,
  now: () => Date = () => new Date(),
): Promise<void> {
  const m = msg.value;
  const period = m.period;
  if (period === undefined || m.employeeId === '') return;
  if (await isFinalized(em, m.tenantId, period.id)) return;
  const existing = await findScorecardFor(em, m.tenantId, m.employeeId, period.id, { forUpdate: true });
  if (existing?.status === 'final') return;
  if (existing !== null && m.computedAt !== '' && existing.computed_at > new Date(m.computedAt)) return;
  const computedAt = m.computedAt || now().toISOString();
  const unscored = m.status === ScoreComputed_Status.UNSCORED;
  if (unscored)
    await recordUnscored(em, {
      tenantId: m.tenantId,
      employeeId: m.employeeId,
      period,
      reason: m.unscoredReason || 'no_data',
      computedAt,
    });
  else await clearUnscored(em, m.tenantId, m.employeeId, period.id);
  if (unscored && existing === null) return;

  const kpiIds = m.kras.flatMap((k) => k.kpis.map((p) => p.kpiId));
  const facts = await kpiFacts(em, m.tenantId, kpiIds);
  const computed = snapshotFrom(m.kras, (id) => facts.get(id));
  const overrides = existing === null ? [] : effectiveOverrides(await overridesOf(em, existing.id));
  const result = rescore(computed, overrides);
  const snapshot = {
    // No template: the scorecard was assembled from the person's staff KPIs alone.
    template: m.template && m.template.id !== '' ? { id: m.template.id, version: m.template.version } : null,
    computed,
    computedTotal: m.totalScore ?? null,
    result,
    runId: m.runId,
    inputsHash: m.inputsHash,
    computedAt,
  };
  if (existing === null) {
    const id = randomUUID();
    await insertScorecard(em, { id, tenantId: m.tenantId, employeeId: m.employeeId, period, ...snapshot });
    await notify(em, {
      tenantId: m.tenantId,
      userId: m.employeeId,
      kind: 'scorecard_ready',
      title: 'Your scorecard is ready',
      body: `Your provisional scorecard for the period starting ${period.start.slice(0, 10)} is ready to view.`,
      link: `/me/scorecards/${period.id}`,
      data: { scorecard_id: id, period_id: period.id },
      at: now(),
    });
  } else {
    await replaceComputed(em, existing.id, snapshot);
  }
  await refreshStaffKpis(
    em,
    m.tenantId,
    m.employeeId,
    period.id,
    result.kras.flatMap((k) => k.kpis),
    now(),
  );
}

/** Each assigned KPI's current score follows the effective score of the period. */
async function refreshStaffKpis(
  em: EntityManager,
  tenantId: string,
  employeeId: string,
  periodId: string,
  kpis: { id: string; score: number | null }[],
  at: Date,
): Promise<void> {
  const assigned = await staffKpis(em, tenantId, employeeId, { activeOnly: true, forUpdate: true });
  for (const row of assigned) {
    const kpi = kpis.find((k) => k.id === row.kpi_id);
    if (kpi === undefined || kpi.score === null) continue;
    if (row.current_period_id === periodId && row.current_score === kpi.score) continue;
    await recordKpiEvaluation(em, row, { tenantId, score: kpi.score, periodId, at });
  }
}

/** What the registry says about each KPI: names, categories, stretch caps, growth thresholds. */
export async function kpiFacts(
  em: EntityManager,
  tenantId: string,
  ids: string[],
): Promise<Map<string, KpiFacts>> {
  const out = new Map<string, KpiFacts>();
  if (ids.length === 0) return out;
  for (const k of await registryEntities(em, tenantId, 'kpi', { ids })) {
    const s = k.state;
    const num = (v: unknown) => (typeof v === 'number' ? v : undefined);
    const params = (s['params'] ?? {}) as { cap?: unknown };
    const fact: KpiFacts = {};
    if (typeof s['name'] === 'string') fact.name = s['name'];
    if (typeof s['category'] === 'string') fact.category = s['category'];
    const cap = num(params.cap);
    if (cap !== undefined) fact.cap = cap;
    const target = num(s['target_score']);
    if (target !== undefined) fact.target_score = target;
    const minimum = num(s['minimum_score']);
    if (minimum !== undefined) fact.minimum_score = minimum;
    out.set(k.entity_id, fact);
  }
  return out;
}
