import type { DataSource } from 'typeorm';
import type { EXCEPTION_TYPES } from '@scorecard/api';
import { inTransaction } from '@scorecard/db';
import type { Identity } from '@scorecard/http';
import { currentApprover } from '../domain/approval';
import { undecidedEntries } from '../adapters/postgres/journal-store';
import { managerChain } from '../adapters/postgres/people-store';
import { listScorecards, openDisputes } from '../adapters/postgres/scorecard-store';
import { overdueKpis } from '../adapters/postgres/staff-kpi-store';
import { unscoredResults } from '../adapters/postgres/unscored-store';
import { visiblePeople } from './scope';

export type ExceptionType = (typeof EXCEPTION_TYPES)[number];

/** Under this effective total a scorecard is a low performer (the default scheme's "Below" band). */
const LOW_PERFORMER_UNDER = 50;

/**
 * The reviewer's work queues, within the caller's scope:
 * low_performer — effective total under 50; growing — any KPI labelled growing;
 * sla_breach — active staff KPIs past their next evaluation date; pending_approval — journal
 * entries waiting for a decision, with the current approver and whether it escalated;
 * dispute — open disputes; unscored — active people with nothing scoreable in a period, with
 * the reason (no KPIs assigned, no data, on leave).
 */
export async function listExceptions(
  ds: DataSource,
  who: Identity,
  type: ExceptionType,
  q: { periodId?: string },
  now: () => Date = () => new Date(),
) {
  return inTransaction(ds, async (em) => {
    const people = await visiblePeople(em, who);
    const scope = people?.filter((p) => p !== who.employeeId) ?? null;
    const cards = () =>
      listScorecards(em, {
        tenantId: who.tenantId,
        ...(q.periodId === undefined ? {} : { periodId: q.periodId }),
        ...(scope === null ? {} : { employeeIds: scope }),
        limit: 10_000,
      });
    switch (type) {
      case 'low_performer':
        return (await cards())
          .filter((s) => s.total_score !== null && s.total_score < LOW_PERFORMER_UNDER)
          .map((s) => ({
            scorecard_id: s.id,
            employee_id: s.employee_id,
            period_id: s.period_id,
            total_score: s.total_score,
            rating_band: s.rating_band,
          }));
      case 'growing':
        return (await cards()).flatMap((s) => {
          const growing = s.result.kras.flatMap((k) => k.kpis).filter((k) => k.label === 'growing');
          return growing.length === 0
            ? []
            : [
                {
                  scorecard_id: s.id,
                  employee_id: s.employee_id,
                  period_id: s.period_id,
                  kpis: growing.map((k) => ({ kpi_id: k.id, score: k.score })),
                },
              ];
        });
      case 'sla_breach':
        return (await overdueKpis(em, who.tenantId, scope, now())).map((k) => ({
          staff_kpi_id: k.id,
          employee_id: k.staff_id,
          kpi_id: k.kpi_id,
          next_evaluation_due: k.next_evaluation_due,
        }));
      case 'pending_approval': {
        const out = [];
        for (const e of await undecidedEntries(em, who.tenantId, scope)) {
          const chain = await managerChain(em, who.tenantId, e.staff_id);
          const approver = currentApprover(
            { author_id: e.author_id, chain, created_at: new Date(e.created_at) },
            now(),
          );
          out.push({
            entry_id: e.id,
            employee_id: e.staff_id,
            entry_type: e.entry_type,
            title: e.title,
            author_id: e.author_id,
            created_at: e.created_at,
            ...approver,
          });
        }
        return out;
      }
      case 'unscored':
        return (await unscoredResults(em, who.tenantId, scope, q.periodId ?? null)).map((u) => ({
          employee_id: u.employee_id,
          period_id: u.period_id,
          reason: u.reason,
          computed_at: u.computed_at,
        }));
      case 'dispute':
        return (await openDisputes(em, who.tenantId, scope)).map((d) => ({
          dispute_id: d.id,
          scorecard_id: d.scorecard_id,
          employee_id: d.employee_id,
          period_id: d.period_id,
          kind: d.kind,
          reason: d.reason,
          kpi_id: d.kpi_id,
          record: d.record,
          created_at: d.created_at,
        }));
    }
  });
}
