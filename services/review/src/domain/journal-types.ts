import { JOURNAL_TYPES } from '@scorecard/api';

// The 16 Living Journal entry types (DESIGN §2, declared with the public API) and which of them
// people may write directly.

export { JOURNAL_TYPES };
export type JournalType = (typeof JOURNAL_TYPES)[number];

/**
 * Written by review itself: assignment changes by the lifecycle, approval requests with a pending
 * entry, decisions through the decision endpoint. Nobody posts them as free entries.
 */
export const SYSTEM_TYPES: readonly JournalType[] = [
  'kpi_assigned',
  'kpi_deactivated',
  'approval_requested',
  'approval_decision',
];

/** Entries that change a score or the effort blend: compute consumes them once effective. */
export const SCORING_TYPES: readonly JournalType[] = [
  'score_recorded',
  'score_adjustment',
  'effort_rating',
  'effort_recognition',
];

/** Types that always wait for an approval_decision, whoever writes them. */
export const ALWAYS_PENDING: readonly JournalType[] = ['score_adjustment'];
