import { ALWAYS_PENDING, SYSTEM_TYPES, type JournalType } from './journal-types';

/** How the author relates to the person the entry is about. */
export type AuthorRelation = 'self' | 'line_manager' | 'hr' | 'outside_line';

export interface EntryDraft {
  entry_type: JournalType;
  /** The author asked for approval (e.g. a concern). */
  pending_approval: boolean;
  visible_to_staff: boolean;
}

export type EntryDecision =
  | { ok: true; pending_approval: boolean; visible_to_staff: boolean }
  | { ok: false; code: 'system_type' | 'staff_may_only_respond'; message: string };

/**
 * Whether an entry may be written and whether it waits for approval. Staff may always add a
 * staff_response (visible to them) and nothing else about themselves. Score adjustments, entries
 * the author flags as needing approval, and anything written by someone outside the person's
 * reporting line stay pending: hidden and not counted until approved.
 */
export function decideEntry(draft: EntryDraft, author: AuthorRelation): EntryDecision {
  if (SYSTEM_TYPES.includes(draft.entry_type))
    return {
      ok: false,
      code: 'system_type',
      message: `${draft.entry_type} entries are written by the system`,
    };
  if (draft.entry_type === 'staff_response') {
    return author === 'self'
      ? { ok: true, pending_approval: false, visible_to_staff: true }
      : {
          ok: false,
          code: 'staff_may_only_respond',
          message: 'only the staff member writes a staff_response',
        };
  }
  if (author === 'self')
    return { ok: false, code: 'staff_may_only_respond', message: 'staff may only add a staff_response' };
  const pending =
    draft.pending_approval || ALWAYS_PENDING.includes(draft.entry_type) || author === 'outside_line';
  return { ok: true, pending_approval: pending, visible_to_staff: draft.visible_to_staff };
}

/** A stored entry with its decision (if any), as visibility and effect rules need it. */
export interface EntryState {
  visible_to_staff: boolean;
  pending_approval: boolean;
  /** The approval_decision on this entry, if one was recorded. */
  decision: 'approved' | 'rejected' | null;
}

/** Counts (and feeds compute) when it needed no approval, or was approved. */
export function isEffective(e: EntryState): boolean {
  return !e.pending_approval || e.decision === 'approved';
}

/** What the staff member may see about themselves: flagged visible and in effect. */
export function isVisibleToStaff(e: EntryState): boolean {
  return e.visible_to_staff && isEffective(e);
}

/** Fields an entry type cannot do without (the HTTP edge turns these into 400s naming the field). */
export function missingFields(e: {
  entry_type: JournalType;
  kpi_id?: string | undefined;
  score_after?: number | undefined;
  effort_rating?: number | undefined;
  linked_entry_id?: string | undefined;
}): { path: string; message: string }[] {
  const errors: { path: string; message: string }[] = [];
  const needKpi =
    e.entry_type === 'score_recorded' ||
    e.entry_type === 'score_adjustment' ||
    e.entry_type === 'effort_rating';
  if (needKpi && e.kpi_id === undefined)
    errors.push({ path: 'kpi_id', message: `${e.entry_type} names the KPI` });
  if (
    (e.entry_type === 'score_recorded' || e.entry_type === 'score_adjustment') &&
    e.score_after === undefined
  )
    errors.push({ path: 'score_after', message: `${e.entry_type} records the new score` });
  if (e.entry_type === 'effort_rating' && e.effort_rating === undefined)
    errors.push({ path: 'effort_rating', message: 'an effort rating (1–5) is required' });
  return errors;
}
