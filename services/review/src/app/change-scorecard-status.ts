import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { ReviewChanged_Change } from '@scorecard/contracts';
import { inTransaction } from '@scorecard/db';
import { ConflictError, ForbiddenError, ValidationError } from '@scorecard/errors';
import type { Identity } from '@scorecard/http';
import { actorId } from '../domain/access';
import { transition, type WorkflowAction } from '../domain/workflow';
import { appendAudit } from '../adapters/postgres/audit-store';
import { managerChain } from '../adapters/postgres/people-store';
import {
  insertDispute,
  resolveDisputes,
  setStatus,
  type ScorecardRow,
} from '../adapters/postgres/scorecard-store';
import { writableScorecard } from './load-scorecard';
import { notify, publishReviewChanged } from './publish';
import { relationOf } from './scope';

export interface DisputeInput {
  reason: string;
  kind: 'general' | 'wrong_attribution';
  kpi_id?: string | undefined;
  /** The source record the employee says is not theirs: {source, entity, id}. */
  record?: { source: string; entity: string; id: string } | undefined;
}

export type StatusRequest =
  | { action: 'submit' | 'approve' }
  | { action: 'dispute'; dispute: DisputeInput }
  | { action: 'resolve'; resolution: string };

const CHANGE: Record<WorkflowAction, ReviewChanged_Change> = {
  submit: ReviewChanged_Change.STATUS_CHANGED,
  approve: ReviewChanged_Change.STATUS_CHANGED,
  dispute: ReviewChanged_Change.DISPUTED,
  resolve: ReviewChanged_Change.RESOLVED,
};

/**
 * Moves a scorecard through draft → in_review → approved | disputed, recording who and when
 * (status_changed_by/at, the audit log, review.changed). The owner disputes; reviewers submit,
 * approve and resolve.
 */
export async function changeScorecardStatus(
  ds: DataSource,
  who: Identity,
  scorecardId: string,
  req: StatusRequest,
) {
  return inTransaction(ds, async (em) => {
    const s = await writableScorecard(em, who, scorecardId, req.action === 'dispute' ? 'owner' : 'reviewer');
    const relation = await relationOf(em, who, s.employee_id);
    const out = transition(s.status, req.action, relation === 'self' ? 'owner' : 'reviewer');
    if (!out.ok) {
      if (out.code === 'wrong_actor') throw new ForbiddenError(out.message);
      throw new ConflictError(out.message);
    }
    const actor = actorId(who);
    const detail = await sideEffects(em, who, s, req, actor);
    await setStatus(em, s.id, out.to, actor);
    const at = new Date();
    await appendAudit(em, {
      tenantId: who.tenantId,
      actor,
      action: `scorecard.${req.action}`,
      entityType: 'scorecard',
      entityId: s.id,
      before: { status: out.from },
      after: { status: out.to, ...detail },
      reason:
        req.action === 'dispute' ? req.dispute.reason : req.action === 'resolve' ? req.resolution : null,
    });
    await publishReviewChanged(
      em,
      { ...s, status: out.to },
      { change: CHANGE[req.action], previousStatus: out.from, actorId: actor, changedAt: at.toISOString() },
    );
    await tellTheOtherSide(em, s, req.action, at);
    return {
      id: s.id,
      status: out.to,
      previous_status: out.from,
      changed_by: actor,
      changed_at: at.toISOString(),
      ...detail,
    };
  });
}

async function sideEffects(
  em: EntityManager,
  who: Identity,
  s: ScorecardRow,
  req: StatusRequest,
  actor: string,
): Promise<Record<string, unknown>> {
  if (req.action === 'dispute') {
    const d = req.dispute;
    if (d.kind === 'wrong_attribution' && (d.kpi_id === undefined || d.record === undefined))
      throw new ValidationError([
        { path: 'record', message: 'a wrong-attribution dispute names the KPI and the record' },
      ]);
    if (d.kpi_id !== undefined && !s.computed.some((k) => k.kpis.some((p) => p.kpi_id === d.kpi_id)))
      throw new ValidationError([{ path: 'kpi_id', message: 'not a KPI of this scorecard' }]);
    const id = randomUUID();
    await insertDispute(em, {
      id,
      tenantId: who.tenantId,
      scorecardId: s.id,
      periodId: s.period_id,
      raisedBy: actor,
      kind: d.kind,
      reason: d.reason,
      kpiId: d.kpi_id ?? null,
      record: d.record ?? null,
    });
    return { dispute_id: id };
  }
  if (req.action === 'resolve')
    return { resolved_disputes: await resolveDisputes(em, s.id, actor, req.resolution) };
  return {};
}

/** A dispute goes to the direct manager; other steps go to the employee. */
async function tellTheOtherSide(
  em: EntityManager,
  s: ScorecardRow,
  action: WorkflowAction,
  at: Date,
): Promise<void> {
  const link = `/review/scorecards/${s.id}`;
  if (action === 'dispute') {
    const [manager] = await managerChain(em, s.tenant_id, s.employee_id);
    if (manager === undefined) return;
    await notify(em, {
      tenantId: s.tenant_id,
      userId: manager,
      kind: 'dispute_opened',
      title: 'A scorecard was disputed',
      body: `${s.employee_id} disputed their scorecard for ${s.period_id}.`,
      link,
      at,
      data: { scorecard_id: s.id },
    });
    return;
  }
  const titles: Record<Exclude<WorkflowAction, 'dispute'>, string> = {
    submit: 'Your scorecard is in review',
    approve: 'Your scorecard was approved',
    resolve: 'Your dispute was resolved',
  };
  await notify(em, {
    tenantId: s.tenant_id,
    userId: s.employee_id,
    kind: `scorecard_${action}`,
    title: titles[action],
    body: titles[action],
    link: `/me/scorecards/${s.period_id}`,
    at,
    data: { scorecard_id: s.id },
  });
}
