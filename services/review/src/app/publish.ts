import type { EntityManager } from 'typeorm';
import { ReviewChanged_Change, type TopicMessageInit } from '@scorecard/contracts';
import { enqueueEvent } from '@scorecard/kafka';
import type { ScorecardRow } from '../adapters/postgres/scorecard-store';

export const SCHEMA = 'review';

type ReviewChangedInit = TopicMessageInit<'scorecard.review.changed.v1'>;

/** scorecard.review.changed.v1 for a scorecard, with its effective totals after the change. */
export async function publishReviewChanged(
  em: EntityManager,
  s: Pick<
    ScorecardRow,
    'id' | 'tenant_id' | 'employee_id' | 'period_id' | 'status' | 'total_score' | 'rating_band'
  >,
  change: Omit<
    ReviewChangedInit,
    'tenantId' | 'employeeId' | 'periodId' | 'scorecardId' | 'status' | 'totalScore' | 'ratingBand'
  >,
): Promise<void> {
  await enqueueEvent(em, SCHEMA, {
    topic: 'scorecard.review.changed.v1',
    key: s.employee_id,
    tenantId: s.tenant_id,
    message: {
      tenantId: s.tenant_id,
      employeeId: s.employee_id,
      periodId: s.period_id,
      scorecardId: s.id,
      status: s.status,
      ...(s.total_score === null ? {} : { totalScore: s.total_score }),
      ratingBand: s.rating_band ?? '',
      ...change,
    } as ReviewChangedInit,
  });
}

export interface NotificationInit {
  tenantId: string;
  userId: string;
  kind: string;
  title: string;
  body: string;
  link: string;
  data?: Record<string, string>;
  at: Date;
}

/** scorecard.notification.v1, keyed by the recipient. */
export async function notify(em: EntityManager, n: NotificationInit): Promise<void> {
  await enqueueEvent(em, SCHEMA, {
    topic: 'scorecard.notification.v1',
    key: n.userId,
    tenantId: n.tenantId,
    message: {
      tenantId: n.tenantId,
      userId: n.userId,
      kind: n.kind,
      title: n.title,
      body: n.body,
      link: n.link,
      createdAt: n.at.toISOString(),
      data: n.data ?? {},
    },
  });
}

const iso = (d: Date | string | null): string => (d === null ? '' : new Date(d).toISOString());

/**
 * scorecard.review.changed.v1 `STAFF_KPI_CHANGED` for one assignment as it now stands: compute
 * scores a person's active staff KPIs, so every assignment, deactivation and reactivation goes out.
 * A contract's assignment counts from the contract's start (an HR system often sends the contract
 * after it began); any other from when it was assigned.
 */
export async function publishStaffKpiChanged(
  em: EntityManager,
  staffKpiId: string,
  actor: string,
  at: Date,
): Promise<void> {
  const [row] = await em.query<
    {
      tenant_id: string;
      staff_id: string;
      kpi_id: string;
      source: string;
      contract_id: string | null;
      contract_template_id: string | null;
      custom_target: number | null;
      weight: number | null;
      status: string;
      is_required: boolean;
      active_from: Date;
      deactivated_at: Date | null;
    }[]
  >(
    `SELECT s.tenant_id, s.staff_id, s.kpi_id, s.source, s.contract_id, c.contract_template_id, s.custom_target,
            s.weight, s.status, s.is_required, s.deactivated_at,
            CASE WHEN s.source = 'template' AND c.starts_at IS NOT NULL THEN c.starts_at ELSE s.assigned_at END AS active_from
       FROM staff_kpis s LEFT JOIN contracts c ON c.tenant_id = s.tenant_id AND c.contract_id = s.contract_id
      WHERE s.id = $1`,
    [staffKpiId],
  );
  if (row === undefined) return;
  await enqueueEvent(em, SCHEMA, {
    topic: 'scorecard.review.changed.v1',
    key: row.staff_id,
    tenantId: row.tenant_id,
    message: {
      tenantId: row.tenant_id,
      employeeId: row.staff_id,
      change: ReviewChanged_Change.STAFF_KPI_CHANGED,
      actorId: actor,
      changedAt: at.toISOString(),
      staffKpi: {
        staffKpiId,
        kpiId: row.kpi_id,
        source: row.source,
        contractId: row.contract_id ?? '',
        contractTemplateId: row.contract_template_id ?? '',
        ...(row.custom_target === null ? {} : { customTarget: row.custom_target }),
        ...(row.weight === null ? {} : { weight: row.weight }),
        status: row.status,
        activeFrom: iso(row.active_from),
        activeTo: row.status === 'active' ? '' : iso(row.deactivated_at),
        isRequired: row.is_required,
      },
    },
  });
}
