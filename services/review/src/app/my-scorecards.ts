import type { DataSource } from 'typeorm';
import { inTransaction, toInfrastructureError } from '@scorecard/db';
import { ForbiddenError, NotFoundError } from '@scorecard/errors';
import type { Identity } from '@scorecard/http';
import { computeTrend, growthLabel, round2, type KpiDefinition } from '@scorecard/scoring';
import { isVisibleToStaff } from '../domain/journal-rules';
import { employeeDispute, employeeView } from '../domain/scorecard-views';
import { entriesOf } from '../adapters/postgres/journal-store';
import { dashboardRows } from '../adapters/postgres/dashboard-store';
import { disputesOf, findScorecardFor, listScorecards } from '../adapters/postgres/scorecard-store';
import { staffEntry } from './list-journal-entries';

// The employee's own view (/me/*): growth language, the journal entries they may see, evidence
// counts and trends — never hidden entries or scoring mechanics.

function me(who: Identity): string {
  if (who.employeeId === undefined) throw new ForbiddenError('This view is for employees');
  return who.employeeId;
}

/** A read outside a transaction, its database errors classified as inTransaction does. */
async function read<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw toInfrastructureError(err);
  }
}

export async function myDashboard(ds: DataSource, who: Identity) {
  const employeeId = me(who);
  // One statement, outside a transaction: under READ COMMITTED separate reads took a snapshot each
  // anyway, so BEGIN/COMMIT only added round trips.
  const rows = await read(() =>
    dashboardRows(ds.manager, { tenantId: who.tenantId, staffId: employeeId, scorecards: 12, journal: 20 }),
  );
  const { kpis, scorecards: cards, journal: entries } = rows;
  const journal = entries.filter((r) =>
    isVisibleToStaff({
      visible_to_staff: r.visible_to_staff,
      pending_approval: r.pending_approval,
      decision: r.decided,
    }),
  );
  const [latest, previous] = cards;
  const trend =
    latest?.total_score == null ? null : computeTrend(latest.total_score, previous?.total_score ?? null);
  return {
    employee_id: employeeId,
    kpis: kpis.map((k) => {
      const def = k.definition ?? {};
      return {
        kpi_id: k.kpi_id,
        name: typeof def['name'] === 'string' ? def['name'] : k.kpi_id,
        current_score: k.current_score === null ? null : round2(k.current_score),
        label: growthLabel(k.current_score, def as unknown as KpiDefinition),
        trend: k.score_trend,
        effort_score: k.current_effort_score,
        next_evaluation_due: k.next_evaluation_due,
      };
    }),
    scorecards: cards.map((s) => ({
      period_id: s.period_id,
      period_start: s.period_start,
      status: s.status === 'final' ? 'final' : 'provisional',
      total_score: s.total_score === null ? null : round2(s.total_score),
    })),
    trend:
      trend === null
        ? null
        : { direction: trend.score_trend, change: trend.delta === null ? null : round2(trend.delta) },
    journal: journal.map(staffEntry),
  };
}

export async function myScorecard(ds: DataSource, who: Identity, periodId: string) {
  const employeeId = me(who);
  return inTransaction(ds, async (em) => {
    const s = await findScorecardFor(em, who.tenantId, employeeId, periodId);
    if (s === null) throw new NotFoundError('No scorecard for this period yet');
    const history = await listScorecards(em, {
      tenantId: who.tenantId,
      employeeIds: [employeeId],
      limit: 1000,
    });
    const previous = history.find((h) => h.period_start < s.period_start);
    const trend = s.total_score === null ? null : computeTrend(s.total_score, previous?.total_score ?? null);
    const journal = (
      await entriesOf(em, { tenantId: who.tenantId, staffId: employeeId, periodId, limit: 200 })
    )
      .filter((r) =>
        isVisibleToStaff({
          visible_to_staff: r.visible_to_staff,
          pending_approval: r.pending_approval,
          decision: r.decided,
        }),
      )
      .map(staffEntry);
    return {
      ...employeeView(s),
      trend:
        trend === null
          ? null
          : {
              direction: trend.score_trend,
              change: trend.delta === null ? null : round2(trend.delta),
              previous_period_id: previous?.period_id ?? null,
            },
      journal,
      disputes: (await disputesOf(em, s.id)).map(employeeDispute),
    };
  });
}
