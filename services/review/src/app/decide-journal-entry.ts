import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { inTransaction } from '@scorecard/db';
import { ConflictError, ForbiddenError, NotFoundError } from '@scorecard/errors';
import type { Identity } from '@scorecard/http';
import { actorId } from '../domain/access';
import { mayDecide } from '../domain/approval';
import { appendAudit } from '../adapters/postgres/audit-store';
import { findEntry, insertEntry } from '../adapters/postgres/journal-store';
import { managerChain } from '../adapters/postgres/people-store';
import { entryTakesEffect } from './publish-journal-entry';
import { notify } from './publish';
import { relationOf } from './scope';

/**
 * Records an approval_decision on a pending entry. Never by its author or the person it is about;
 * otherwise by the current approver (escalated after 7 days), anyone above them, or HR. Approval
 * makes the entry count and, if flagged, visible.
 */
export async function decideJournalEntry(
  ds: DataSource,
  who: Identity,
  entryId: string,
  d: { decision: 'approved' | 'rejected'; reason: string },
  now: () => Date = () => new Date(),
) {
  return inTransaction(ds, async (em) => {
    const entry = UUID.test(entryId) ? await findEntry(em, who.tenantId, entryId) : null;
    if (entry === null || (await relationOf(em, who, entry.staff_id)) === 'none')
      throw new NotFoundError('No such journal entry');
    if (!entry.pending_approval) throw new ConflictError('This entry does not need approval');
    if (entry.decided !== null) throw new ConflictError(`This entry was already ${entry.decided}`);
    const at = now();
    const decider = actorId(who);
    const chain = await managerChain(em, who.tenantId, entry.staff_id);
    const right = mayDecide(
      { id: decider, is_hr: who.roles.includes('hr') },
      { ...entry, chain, created_at: new Date(entry.created_at) },
      at,
    );
    if (!right.ok) throw new ForbiddenError(right.message);
    const decision = await insertEntry(em, {
      id: randomUUID(),
      tenant_id: who.tenantId,
      staff_id: entry.staff_id,
      staff_kpi_id: entry.staff_kpi_id,
      kpi_id: entry.kpi_id,
      period_id: entry.period_id,
      entry_type: 'approval_decision',
      title: `${d.decision === 'approved' ? 'Approved' : 'Rejected'}: ${entry.title}`,
      content: d.reason,
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
      decision: d.decision,
      author_id: decider,
    });
    await appendAudit(em, {
      tenantId: who.tenantId,
      actor: decider,
      action: `journal.${d.decision}`,
      entityType: 'journal_entry',
      entityId: entry.id,
      before: { pending_approval: true },
      after: { decision: d.decision },
      reason: d.reason,
    });
    if (d.decision === 'approved') await entryTakesEffect(em, who.tenantId, entry, decider, at);
    await notify(em, {
      tenantId: who.tenantId,
      userId: entry.author_id,
      kind: 'approval_decision',
      title: `Your journal entry was ${d.decision}`,
      body: entry.title,
      link: `/journal/${entry.staff_id}`,
      at,
      data: { entry_id: entry.id },
    });
    return {
      id: decision.id,
      entry_id: entry.id,
      decision: d.decision,
      decided_by: decider,
      decided_at: at.toISOString(),
    };
  });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
