import type { DataSource } from 'typeorm';
import { inTransaction } from '@scorecard/db';
import type { Identity } from '@scorecard/http';
import { listScorecards as query } from '../adapters/postgres/scorecard-store';
import { reportsOf } from '../adapters/postgres/people-store';
import { visiblePeople } from './scope';
import { templateOf } from '../domain/scorecard-views';

/**
 * Scorecards the caller may review, optionally of one period. `scope=team` narrows anyone with a
 * team (HR included) to their own direct and indirect reports.
 */
export async function listScorecards(
  ds: DataSource,
  who: Identity,
  q: { periodId?: string; scope?: 'team' | 'all' },
) {
  return inTransaction(ds, async (em) => {
    let people = await visiblePeople(em, who);
    if (q.scope === 'team' && who.employeeId !== undefined)
      people = await reportsOf(em, who.tenantId, who.employeeId);
    const rows = await query(em, {
      tenantId: who.tenantId,
      ...(q.periodId === undefined ? {} : { periodId: q.periodId }),
      ...(people === null ? {} : { employeeIds: people }),
      limit: 1000,
    });
    return {
      items: rows.map((s) => ({
        id: s.id,
        employee_id: s.employee_id,
        period_id: s.period_id,
        status: s.status,
        total_score: s.total_score,
        rating_band: s.rating_band,
        template: templateOf(s),
        computed_at: s.computed_at,
      })),
    };
  });
}
