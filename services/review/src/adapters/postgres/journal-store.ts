import type { EntityManager } from 'typeorm';
import type { JournalType } from '../../domain/journal-types';

export interface JournalRow {
  id: string;
  staff_id: string;
  staff_kpi_id: string | null;
  kpi_id: string | null;
  period_id: string | null;
  entry_type: JournalType;
  title: string;
  content: string;
  score_impact: number | null;
  score_before: number | null;
  score_after: number | null;
  effort_recognized: boolean;
  effort_rating: number | null;
  effort_notes: string | null;
  visible_to_staff: boolean;
  pending_approval: boolean;
  linked_catchup_id: string | null;
  linked_incident_id: string | null;
  linked_entry_id: string | null;
  decision: 'approved' | 'rejected' | null;
  author_id: string;
  created_at: Date;
}

/** A journal row with the decision recorded on it (if any). */
export interface JournalView extends JournalRow {
  decided: 'approved' | 'rejected' | null;
  decided_by: string | null;
}

export type NewJournalEntry = Omit<JournalRow, 'created_at' | 'decision'> & {
  decision?: 'approved' | 'rejected' | null;
  tenant_id: string;
};

export async function insertEntry(em: EntityManager, e: NewJournalEntry): Promise<JournalRow> {
  const rows = await em.query<JournalRow[]>(
    `INSERT INTO journal_entries (id, tenant_id, staff_id, staff_kpi_id, kpi_id, period_id, entry_type, title, content,
        score_impact, score_before, score_after, effort_recognized, effort_rating, effort_notes, visible_to_staff,
        pending_approval, linked_catchup_id, linked_incident_id, linked_entry_id, decision, author_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22)
     RETURNING *`,
    [
      e.id,
      e.tenant_id,
      e.staff_id,
      e.staff_kpi_id,
      e.kpi_id,
      e.period_id,
      e.entry_type,
      e.title,
      e.content,
      e.score_impact,
      e.score_before,
      e.score_after,
      e.effort_recognized,
      e.effort_rating,
      e.effort_notes,
      e.visible_to_staff,
      e.pending_approval,
      e.linked_catchup_id,
      e.linked_incident_id,
      e.linked_entry_id,
      e.decision ?? null,
      e.author_id,
    ],
  );
  return rows[0] as JournalRow;
}

const VIEW = `SELECT j.*, d.decision AS decided, d.author_id AS decided_by
  FROM journal_entries j
  LEFT JOIN journal_entries d ON d.linked_entry_id = j.id AND d.entry_type = 'approval_decision'`;

// VIEW for one person's few hundred entries: the decision (at most one, journal_entries_one_decision)
// is probed per entry. As the plain join above, the planner merge-joined against every decision in
// the table, other tenants included: 10.8 ms for 300 entries among 8,000 decisions, 0.7 ms probed.
// LIMIT 1 keeps the subquery from being flattened back into that join. (Tenant-wide queues keep the
// join: there a hash join over many pending entries beats thousands of probes.)
const PERSON_VIEW = `SELECT j.*, d.decision AS decided, d.author_id AS decided_by
  FROM journal_entries j
  LEFT JOIN LATERAL (
    SELECT decision, author_id FROM journal_entries
     WHERE linked_entry_id = j.id AND entry_type = 'approval_decision' LIMIT 1
  ) d ON true`;

export async function findEntry(
  em: EntityManager,
  tenantId: string,
  id: string,
): Promise<JournalView | null> {
  const rows = await em.query<JournalView[]>(`${VIEW} WHERE j.tenant_id = $1 AND j.id = $2`, [tenantId, id]);
  return rows[0] ?? null;
}

// What isVisibleToStaff admits (flagged visible, and not pending unless approved), in SQL over
// PERSON_VIEW, so that a limit counts only those: a caller showing 20 reads 20 rows, not 200 to filter.
const VISIBLE_TO_STAFF = ` AND j.visible_to_staff AND (NOT j.pending_approval OR d.decision = 'approved')`;

/**
 * A person's newest entries: $1 tenant, $2 person, $3 period (or NULL for all), $4 how many.
 * `visibleToStaff` narrows them to what the person may see; callers still apply isVisibleToStaff,
 * the rule itself.
 */
export function personEntriesSql(opts: { visibleToStaff: boolean }): string {
  return `${PERSON_VIEW} WHERE j.tenant_id = $1 AND j.staff_id = $2 AND ($3::text IS NULL OR j.period_id = $3)${
    opts.visibleToStaff ? VISIBLE_TO_STAFF : ''
  }
      ORDER BY j.created_at DESC, j.id LIMIT $4`;
}

export async function entriesOf(
  em: EntityManager,
  q: { tenantId: string; staffId: string; periodId?: string; limit: number; visibleToStaff?: boolean },
): Promise<JournalView[]> {
  return em.query<JournalView[]>(personEntriesSql({ visibleToStaff: q.visibleToStaff === true }), [
    q.tenantId,
    q.staffId,
    q.periodId ?? null,
    q.limit,
  ]);
}

/** Entries still waiting for a decision, oldest first, optionally only about some people. */
export async function undecidedEntries(
  em: EntityManager,
  tenantId: string,
  staffIds: readonly string[] | null,
): Promise<JournalView[]> {
  return em.query<JournalView[]>(
    `${VIEW} WHERE j.tenant_id = $1 AND j.pending_approval AND d.id IS NULL
        AND ($2::text[] IS NULL OR j.staff_id = ANY($2))
      ORDER BY j.created_at`,
    [tenantId, staffIds],
  );
}
