import type { EntityManager } from 'typeorm';
import { ConflictError, NotFoundError } from '@scorecard/errors';
import type { Identity } from '@scorecard/http';
import { isFinalized } from '../adapters/postgres/period-store';
import { findScorecard, type ScorecardRow } from '../adapters/postgres/scorecard-store';
import { requireAccess, requireReviewer } from './scope';

/** A scorecard the caller may see (404 otherwise, including other teams' scorecards). */
export async function visibleScorecard(
  em: EntityManager,
  who: Identity,
  id: string,
  forUpdate = false,
): Promise<ScorecardRow> {
  const s = UUID.test(id) ? await findScorecard(em, who.tenantId, id, { forUpdate }) : null;
  if (s === null) throw new NotFoundError('No such scorecard');
  await requireAccess(em, who, s.employee_id);
  return s;
}

/**
 * A scorecard the caller is about to change, locked for the transaction: writes to a finalized
 * period are a 409 (the database triggers refuse them too, whatever the code path).
 */
export async function writableScorecard(
  em: EntityManager,
  who: Identity,
  id: string,
  as: 'reviewer' | 'owner',
): Promise<ScorecardRow> {
  const s = await visibleScorecard(em, who, id, true);
  if (s.status === 'final' || (await isFinalized(em, who.tenantId, s.period_id)))
    throw new ConflictError(`Period ${s.period_id} is finalized; its scorecards can no longer change`);
  if (as === 'reviewer') await requireReviewer(em, who, s.employee_id);
  return s;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
