import type { DataSource } from 'typeorm';
import { inTransaction } from '@scorecard/db';
import type { Identity } from '@scorecard/http';
import { isEffective, isVisibleToStaff } from '../domain/journal-rules';
import { entriesOf, type JournalView } from '../adapters/postgres/journal-store';
import { requireAccess } from './scope';

/**
 * A person's journal, newest first. The person sees only entries flagged visible that are in
 * effect — never pending, rejected or hidden ones. Reviewers see everything with its approval state.
 */
export async function listJournalEntries(
  ds: DataSource,
  who: Identity,
  staffId: string,
  q: { periodId?: string; limit?: number },
) {
  return inTransaction(ds, async (em) => {
    const relation = await requireAccess(em, who, staffId);
    const rows = await entriesOf(em, {
      tenantId: who.tenantId,
      staffId,
      ...(q.periodId === undefined ? {} : { periodId: q.periodId }),
      limit: q.limit ?? 200,
    });
    if (relation === 'self') return { items: rows.filter((r) => isVisibleToStaff(state(r))).map(staffEntry) };
    return {
      items: rows.map((r) => ({
        ...r,
        effective: isEffective(state(r)),
        decision: r.decided,
        decided_by: r.decided_by,
        decided: undefined,
      })),
    };
  });
}

const state = (r: JournalView) => ({
  visible_to_staff: r.visible_to_staff,
  pending_approval: r.pending_approval,
  decision: r.decided,
});

/** What a staff member sees of an entry about themselves. */
export function staffEntry(r: JournalView) {
  return {
    id: r.id,
    entry_type: r.entry_type,
    title: r.title,
    content: r.content,
    kpi_id: r.kpi_id,
    period_id: r.period_id,
    score_before: r.score_before,
    score_after: r.score_after,
    effort_recognized: r.effort_recognized,
    effort_rating: r.effort_rating,
    effort_notes: r.effort_notes,
    linked_entry_id: r.linked_entry_id,
    author_id: r.author_id,
    created_at: r.created_at,
  };
}
