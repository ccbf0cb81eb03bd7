import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { ReviewChanged_Change } from '@scorecard/contracts';
import { inTransaction } from '@scorecard/db';
import type { Identity } from '@scorecard/http';
import { actorId } from '../domain/access';
import { appendAudit } from '../adapters/postgres/audit-store';
import { insertNote } from '../adapters/postgres/scorecard-store';
import { writableScorecard } from './load-scorecard';
import { publishReviewChanged } from './publish';

/** A reviewer's note on a scorecard (append-only). */
export async function addNote(ds: DataSource, who: Identity, scorecardId: string, note: string) {
  return inTransaction(ds, async (em) => {
    const s = await writableScorecard(em, who, scorecardId, 'reviewer');
    const id = randomUUID();
    const author = actorId(who);
    await insertNote(em, {
      id,
      tenantId: who.tenantId,
      scorecardId: s.id,
      periodId: s.period_id,
      author,
      note,
    });
    await appendAudit(em, {
      tenantId: who.tenantId,
      actor: author,
      action: 'scorecard.note',
      entityType: 'scorecard',
      entityId: s.id,
      after: { note_id: id },
    });
    await publishReviewChanged(em, s, {
      change: ReviewChanged_Change.NOTE_ADDED,
      previousStatus: s.status,
      actorId: author,
      changedAt: new Date().toISOString(),
    });
    return { id, author, note };
  });
}
