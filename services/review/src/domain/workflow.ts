// The scorecard review workflow: draft → in_review → approved | disputed → final.
// Who may take each step is part of the rule, so the HTTP edge only says who the caller is.

export const SCORECARD_STATUSES = ['draft', 'in_review', 'approved', 'disputed', 'final'] as const;
export type ScorecardStatus = (typeof SCORECARD_STATUSES)[number];

export const WORKFLOW_ACTIONS = ['submit', 'approve', 'dispute', 'resolve'] as const;
export type WorkflowAction = (typeof WORKFLOW_ACTIONS)[number];

/** How the caller relates to the scorecard's person. */
export type Actor = 'owner' | 'reviewer';

interface Step {
  from: readonly ScorecardStatus[];
  to: ScorecardStatus;
  by: Actor;
}

/**
 * The transitions table. A reviewer is a manager above the person or HR. The owner may dispute a
 * scorecard under review or already approved (e.g. "wrong attribution"); resolving sends it back to
 * review so the reviewer can override and approve again. Finalization is not an action here: it
 * freezes every scorecard of a period at once (see finalize-period).
 */
export const TRANSITIONS: Readonly<Record<WorkflowAction, Step>> = {
  submit: { from: ['draft'], to: 'in_review', by: 'reviewer' },
  approve: { from: ['in_review'], to: 'approved', by: 'reviewer' },
  dispute: { from: ['in_review', 'approved'], to: 'disputed', by: 'owner' },
  resolve: { from: ['disputed'], to: 'in_review', by: 'reviewer' },
};

export type TransitionOutcome =
  | { ok: true; from: ScorecardStatus; to: ScorecardStatus }
  | { ok: false; code: 'final' | 'not_allowed_from' | 'wrong_actor'; message: string };

export function transition(status: ScorecardStatus, action: WorkflowAction, actor: Actor): TransitionOutcome {
  if (status === 'final') return { ok: false, code: 'final', message: 'the scorecard is final' };
  const step = TRANSITIONS[action];
  if (step.by !== actor) {
    const who = step.by === 'owner' ? 'the scorecard’s owner' : 'a manager or HR';
    return { ok: false, code: 'wrong_actor', message: `only ${who} may ${action}` };
  }
  if (!step.from.includes(status))
    return { ok: false, code: 'not_allowed_from', message: `cannot ${action} a ${status} scorecard` };
  return { ok: true, from: status, to: step.to };
}
