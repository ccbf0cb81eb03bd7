import type { EntityManager } from 'typeorm';
import type { TopicMessageInit } from '@scorecard/contracts';
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
