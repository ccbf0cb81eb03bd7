import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { inTransaction } from '@scorecard/db';
import { ForbiddenError, NotFoundError, UnprocessableError, ValidationError } from '@scorecard/errors';
import type { Identity } from '@scorecard/http';
import { actorId, type Relation } from '../domain/access';
import { currentApprover } from '../domain/approval';
import { decideEntry, missingFields, type AuthorRelation } from '../domain/journal-rules';
import type { JournalType } from '../domain/journal-types';
import { appendAudit } from '../adapters/postgres/audit-store';
import { findEntry, insertEntry, type JournalRow } from '../adapters/postgres/journal-store';
import { findPerson, managerChain } from '../adapters/postgres/people-store';
import { staffKpis } from '../adapters/postgres/staff-kpi-store';
import { entryTakesEffect } from './publish-journal-entry';
import { notify } from './publish';
import { relationOf } from './scope';

export interface JournalEntryInput {
  entry_type: JournalType;
  title: string;
  content?: string | undefined;
  kpi_id?: string | undefined;
  period_id?: string | undefined;
  score_impact?: number | undefined;
  score_before?: number | undefined;
  score_after?: number | undefined;
  effort_recognized?: boolean | undefined;
  effort_rating?: number | undefined;
  effort_notes?: string | undefined;
  visible_to_staff?: boolean | undefined;
  pending_approval?: boolean | undefined;
  linked_catchup_id?: string | undefined;
  linked_incident_id?: string | undefined;
  linked_entry_id?: string | undefined;
}

/**
 * Appends an entry to a person's Living Journal. Entries that need approval are stored pending
 * with an approval_requested entry beside them and the current approver is notified; the rest
 * take effect at once (scores and effort reach the staff KPI and compute).
 */
export async function writeJournalEntry(
  ds: DataSource,
  who: Identity,
  staffId: string,
  input: JournalEntryInput,
  now: () => Date = () => new Date(),
) {
  const missing = missingFields(input);
  if (missing.length > 0) throw new ValidationError(missing);
  return inTransaction(ds, async (em) => {
    const author = authorRelation(await relationOf(em, who, staffId), who);
    if ((await findPerson(em, who.tenantId, staffId)) === null && author !== 'self')
      throw new NotFoundError('No such person');
    const rule = decideEntry(
      {
        entry_type: input.entry_type,
        pending_approval: input.pending_approval ?? false,
        visible_to_staff: input.visible_to_staff ?? true,
      },
      author,
    );
    if (!rule.ok)
      throw rule.code === 'system_type'
        ? new UnprocessableError(rule.message)
        : new ForbiddenError(rule.message);
    const linked =
      input.linked_entry_id === undefined ? null : await findEntry(em, who.tenantId, input.linked_entry_id);
    if (input.linked_entry_id !== undefined && (linked === null || linked.staff_id !== staffId))
      throw new ValidationError([{ path: 'linked_entry_id', message: 'no such entry in this journal' }]);
    const staffKpi =
      input.kpi_id === undefined
        ? undefined
        : (await staffKpis(em, who.tenantId, staffId)).find((k) => k.kpi_id === input.kpi_id);
    const at = now();
    const authorId = actorId(who);
    const entry = await insertEntry(em, {
      id: randomUUID(),
      tenant_id: who.tenantId,
      staff_id: staffId,
      staff_kpi_id: staffKpi?.id ?? null,
      kpi_id: input.kpi_id ?? null,
      period_id: input.period_id ?? null,
      entry_type: input.entry_type,
      title: input.title,
      content: input.content ?? '',
      score_impact: input.score_impact ?? null,
      score_before: input.score_before ?? staffKpi?.current_score ?? null,
      score_after: input.score_after ?? null,
      effort_recognized: input.effort_recognized ?? input.entry_type === 'effort_recognition',
      effort_rating: input.effort_rating ?? null,
      effort_notes: input.effort_notes ?? null,
      visible_to_staff: rule.visible_to_staff,
      pending_approval: rule.pending_approval,
      linked_catchup_id: input.linked_catchup_id ?? null,
      linked_incident_id: input.linked_incident_id ?? null,
      linked_entry_id: input.linked_entry_id ?? null,
      author_id: authorId,
    });
    await appendAudit(em, {
      tenantId: who.tenantId,
      actor: authorId,
      action: 'journal.entry',
      entityType: 'journal_entry',
      entityId: entry.id,
      after: { staff_id: staffId, entry_type: entry.entry_type, pending_approval: entry.pending_approval },
    });
    if (rule.pending_approval) await requestApproval(em, who.tenantId, entry, at);
    else await entryTakesEffect(em, who.tenantId, entry, null, at);
    // A manager outside the line may not see the person's scores: the stored entry keeps the
    // score before (for whoever approves it), the answer to its author does not.
    return author === 'outside_line' ? { ...entry, score_before: input.score_before ?? null } : entry;
  });
}

function authorRelation(relation: Relation, who: Identity): AuthorRelation {
  switch (relation) {
    case 'self':
      return 'self';
    case 'manager':
      return 'line_manager';
    case 'tenant_wide':
      return who.roles.includes('hr') ? 'hr' : 'outside_line';
    case 'none':
      // Managers outside the line may write, but only as pending entries someone in the line approves.
      if (who.roles.includes('manager')) return 'outside_line';
      throw new NotFoundError('No such person in your scope');
  }
}

async function requestApproval(
  em: EntityManager,
  tenantId: string,
  entry: JournalRow,
  at: Date,
): Promise<void> {
  await insertEntry(em, {
    id: randomUUID(),
    tenant_id: tenantId,
    staff_id: entry.staff_id,
    staff_kpi_id: entry.staff_kpi_id,
    kpi_id: entry.kpi_id,
    period_id: entry.period_id,
    entry_type: 'approval_requested',
    title: `Approval requested: ${entry.title}`,
    content: '',
    score_impact: null,
    score_before: null,
    score_after: null,
    effort_recognized: false,
    effort_rating: null,
    effort_notes: null,
    visible_to_staff: false,
    pending_approval: false,
    linked_catchup_id: null,
    linked_incident_id: null,
    linked_entry_id: entry.id,
    author_id: entry.author_id,
  });
  const chain = await managerChain(em, tenantId, entry.staff_id);
  const { approver_id } = currentApprover({ author_id: entry.author_id, chain, created_at: at }, at);
  if (approver_id === null) return;
  await notify(em, {
    tenantId,
    userId: approver_id,
    kind: 'approval_requested',
    title: 'A journal entry needs your approval',
    body: entry.title,
    link: `/journal/${entry.staff_id}`,
    at,
    data: { entry_id: entry.id },
  });
}
