// Who decides a pending journal entry: the first manager up the person's line who is not the
// author; after 7 days without a decision it escalates one level up, and again every 7 days.

export const ESCALATION_DAYS = 7;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface PendingApproval {
  author_id: string;
  /** The person's managers, direct manager first. */
  chain: readonly string[];
  created_at: Date;
}

export interface Approver {
  /** null when nobody in the line can decide (then HR does). */
  approver_id: string | null;
  /** How many times the entry escalated (0 = the first eligible manager). */
  level: number;
  escalated: boolean;
}

export function currentApprover(p: PendingApproval, now: Date): Approver {
  const eligible = p.chain.filter((m) => m !== p.author_id);
  const level = escalationLevel(p.created_at, now);
  if (eligible.length === 0) return { approver_id: null, level, escalated: level > 0 };
  const index = Math.min(level, eligible.length - 1);
  return { approver_id: eligible[index] as string, level, escalated: level > 0 };
}

/** Full 7-day spans the entry has been waiting. */
export function escalationLevel(createdAt: Date, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - createdAt.getTime()) / (ESCALATION_DAYS * DAY_MS)));
}

export interface Decider {
  id: string;
  /** HR decides anywhere in the tenant. */
  is_hr: boolean;
}

export type DecisionRight =
  { ok: true } | { ok: false; code: 'self_approval' | 'subject' | 'not_approver'; message: string };

/**
 * Nobody approves their own entry, and the person the entry is about never decides it. Otherwise
 * HR, the current approver, or anyone above the current approver in the line may decide.
 */
export function mayDecide(
  decider: Decider,
  entry: PendingApproval & { staff_id: string },
  now: Date,
): DecisionRight {
  if (decider.id === entry.author_id)
    return { ok: false, code: 'self_approval', message: 'an entry cannot be approved by its author' };
  if (decider.id === entry.staff_id)
    return { ok: false, code: 'subject', message: 'the staff member cannot decide entries about themselves' };
  if (decider.is_hr) return { ok: true };
  const { approver_id } = currentApprover(entry, now);
  if (approver_id === null)
    return { ok: false, code: 'not_approver', message: 'only HR can decide this entry' };
  const from = entry.chain.indexOf(approver_id);
  return entry.chain.slice(from).includes(decider.id)
    ? { ok: true }
    : { ok: false, code: 'not_approver', message: 'waiting for a manager higher in the reporting line' };
}
