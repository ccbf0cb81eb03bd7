import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { ReviewChanged_Change } from '@scorecard/contracts';
import { inTransaction } from '@scorecard/db';
import { NotFoundError, ValidationError } from '@scorecard/errors';
import type { Identity } from '@scorecard/http';
import { actorId } from '../domain/access';
import { checkOverride, type OverrideRequest } from '../domain/override-rule';
import { effectiveOverrides, rescore } from '../domain/rescore';
import type { ScorecardResult } from '@scorecard/scoring';
import { appendAudit } from '../adapters/postgres/audit-store';
import { insertOverride, overridesOf, updateResult } from '../adapters/postgres/scorecard-store';
import { writableScorecard } from './load-scorecard';
import { publishReviewChanged } from './publish';

/**
 * A reviewer replaces a KPI, KRA or overall score. The override becomes the effective value and the
 * roll-up is recomputed through @scorecard/scoring; the audit log and review.changed record it.
 */
export async function addOverride(ds: DataSource, who: Identity, scorecardId: string, req: OverrideRequest) {
  return inTransaction(ds, async (em) => {
    const s = await writableScorecard(em, who, scorecardId, 'reviewer');
    const caps = {
      kras: s.computed.map((k) => ({
        kra_id: k.kra_id,
        kpis: k.kpis.map((p) => ({ kpi_id: p.kpi_id, cap: p.cap })),
      })),
    };
    const check = checkOverride(req, caps);
    if (!check.ok) {
      if (check.code === 'unknown_entity') throw new NotFoundError(check.message);
      throw new ValidationError([{ path: check.path, message: check.message }]);
    }
    const oldScore = currentScore(s.result, req.entity_type, check.entity_id);
    const reviewer = actorId(who);
    const override = {
      entity_type: req.entity_type,
      entity_id: check.entity_id,
      new_score: req.new_score,
      reason: req.reason.trim(),
    };
    await insertOverride(em, {
      ...override,
      id: randomUUID(),
      tenantId: who.tenantId,
      scorecardId: s.id,
      periodId: s.period_id,
      oldScore,
      reviewer,
    });
    const result = rescore(s.computed, effectiveOverrides(await overridesOf(em, s.id)));
    await updateResult(em, s.id, result);
    await appendAudit(em, {
      tenantId: who.tenantId,
      actor: reviewer,
      action: 'scorecard.override',
      entityType: 'scorecard',
      entityId: s.id,
      before: {
        entity_type: req.entity_type,
        entity_id: check.entity_id,
        score: oldScore,
        total_score: s.total_score,
      },
      after: {
        entity_type: req.entity_type,
        entity_id: check.entity_id,
        score: req.new_score,
        total_score: result.total_score,
      },
      reason: override.reason,
    });
    const updated = { ...s, total_score: result.total_score, rating_band: result.rating_band };
    await publishReviewChanged(em, updated, {
      change: ReviewChanged_Change.OVERRIDE_ADDED,
      previousStatus: s.status,
      override: {
        entityType: req.entity_type,
        entityId: check.entity_id,
        ...(oldScore === null ? {} : { oldScore }),
        newScore: req.new_score,
        reason: override.reason,
      },
      actorId: reviewer,
      changedAt: new Date().toISOString(),
    });
    return {
      total_score: result.total_score,
      rating_band: result.rating_band,
      override: { ...override, old_score: oldScore },
    };
  });
}

function currentScore(
  result: ScorecardResult,
  type: OverrideRequest['entity_type'],
  id: string,
): number | null {
  if (type === 'overall') return result.total_score;
  if (type === 'kra') return result.kras.find((k) => k.kra_id === id)?.score ?? null;
  for (const kra of result.kras) {
    const kpi = kra.kpis.find((k) => k.id === id);
    if (kpi !== undefined) return kpi.score;
  }
  return null;
}
