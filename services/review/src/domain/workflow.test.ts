import { transition, type Actor, type ScorecardStatus, type WorkflowAction } from './workflow';

describe('transition', () => {
  const cases: [ScorecardStatus, WorkflowAction, Actor, string][] = [
    ['draft', 'submit', 'reviewer', 'in_review'],
    ['in_review', 'approve', 'reviewer', 'approved'],
    ['in_review', 'dispute', 'owner', 'disputed'],
    ['approved', 'dispute', 'owner', 'disputed'],
    ['disputed', 'resolve', 'reviewer', 'in_review'],
    ['draft', 'approve', 'reviewer', 'not_allowed_from'],
    ['approved', 'approve', 'reviewer', 'not_allowed_from'],
    ['draft', 'dispute', 'owner', 'not_allowed_from'],
    ['in_review', 'resolve', 'reviewer', 'not_allowed_from'],
    ['in_review', 'approve', 'owner', 'wrong_actor'],
    ['in_review', 'dispute', 'reviewer', 'wrong_actor'],
    ['draft', 'submit', 'owner', 'wrong_actor'],
    ['final', 'dispute', 'owner', 'final'],
    ['final', 'submit', 'reviewer', 'final'],
  ];
  it.each(cases)('%s --%s by %s--> %s', (from, action, actor, expected) => {
    const out = transition(from, action, actor);
    expect(out.ok ? out.to : out.code).toBe(expected);
  });
});
