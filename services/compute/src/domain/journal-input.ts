/**
 * What a Living Journal entry means to scoring. Review publishes an entry on
 * `scorecard.review.changed.v1` (change JOURNAL_RECORDED) once, when it takes effect — pending or
 * rejected entries never arrive — so every entry seen here counts:
 * - `score_recorded` and an approved `score_adjustment` measure a KPI without a binding: `score_after`
 *   is its actual for the period (scored like any actual, not an override);
 * - `effort_rating` and `effort_recognition` (when it carries a rating) give the KPI's effort
 *   rating 1–5 for the effort blend.
 * Other entry types (notes, coaching, approvals…) do not change a score.
 */
export interface JournalEntryFields {
  entryType: string;
  kpiId: string;
  scoreAfter?: number | undefined;
  effortRating?: number | undefined;
}

export type JournalInput =
  | { code: 'manual_score'; kpiId: string; value: number }
  | { code: 'effort_rating'; kpiId: string; value: number }
  | { code: 'ignored' }
  | { code: 'invalid'; message: string };

export function journalInput(j: JournalEntryFields): JournalInput {
  switch (j.entryType) {
    case 'score_recorded':
    case 'score_adjustment':
      if (!j.kpiId || j.scoreAfter === undefined) return { code: 'ignored' };
      if (!Number.isFinite(j.scoreAfter) || j.scoreAfter < 0)
        return { code: 'invalid', message: `${j.entryType} score ${j.scoreAfter} is not a score` };
      return { code: 'manual_score', kpiId: j.kpiId, value: j.scoreAfter };
    case 'effort_rating':
    case 'effort_recognition':
      if (!j.kpiId || j.effortRating === undefined) return { code: 'ignored' };
      if (!Number.isInteger(j.effortRating) || j.effortRating < 1 || j.effortRating > 5)
        return { code: 'invalid', message: `effort rating ${j.effortRating} is outside 1–5` };
      return { code: 'effort_rating', kpiId: j.kpiId, value: j.effortRating };
    default:
      return { code: 'ignored' };
  }
}
