import { currentApprover, escalationLevel, mayDecide } from './approval';

const day = 86_400_000;
const created = new Date('2025-03-01T09:00:00Z');
const at = (days: number) => new Date(created.getTime() + days * day);
// staff s reports to m1, who reports to m2, who reports to m3.
const entry = { author_id: 'x', staff_id: 's', chain: ['m1', 'm2', 'm3'], created_at: created };

describe('currentApprover', () => {
  it('is the direct manager first, escalating one level per full 7 days', () => {
    expect(currentApprover(entry, at(0))).toEqual({ approver_id: 'm1', level: 0, escalated: false });
    expect(currentApprover(entry, at(6.99))).toMatchObject({ approver_id: 'm1', escalated: false });
    expect(currentApprover(entry, at(7))).toEqual({ approver_id: 'm2', level: 1, escalated: true });
    expect(currentApprover(entry, at(14))).toMatchObject({ approver_id: 'm3', level: 2 });
    expect(currentApprover(entry, at(60))).toMatchObject({ approver_id: 'm3', escalated: true });
  });

  it('skips the author: a direct manager’s own adjustment goes to their manager', () => {
    expect(currentApprover({ ...entry, author_id: 'm1' }, at(0))).toMatchObject({ approver_id: 'm2' });
    expect(currentApprover({ ...entry, author_id: 'm1' }, at(8))).toMatchObject({ approver_id: 'm3' });
  });

  it('has nobody when the line is empty (HR decides)', () => {
    expect(currentApprover({ ...entry, chain: [] }, at(1)).approver_id).toBeNull();
  });

  it('never counts negative ages', () => expect(escalationLevel(created, at(-3))).toBe(0));
});

describe('mayDecide', () => {
  const now = at(1);
  it('refuses self-approval, even for HR', () => {
    expect(mayDecide({ id: 'x', is_hr: true }, entry, now)).toMatchObject({
      ok: false,
      code: 'self_approval',
    });
  });
  it('refuses the subject of the entry', () => {
    expect(mayDecide({ id: 's', is_hr: false }, entry, now)).toMatchObject({ ok: false, code: 'subject' });
  });
  it('allows the current approver and those above, and HR', () => {
    expect(mayDecide({ id: 'm1', is_hr: false }, entry, now)).toEqual({ ok: true });
    expect(mayDecide({ id: 'm3', is_hr: false }, entry, now)).toEqual({ ok: true });
    expect(mayDecide({ id: 'h', is_hr: true }, entry, now)).toEqual({ ok: true });
    expect(mayDecide({ id: 'other', is_hr: false }, entry, now)).toMatchObject({ code: 'not_approver' });
  });
  it('after escalation, the bypassed manager no longer decides', () => {
    expect(mayDecide({ id: 'm1', is_hr: false }, entry, at(8))).toMatchObject({ code: 'not_approver' });
    expect(mayDecide({ id: 'm2', is_hr: false }, entry, at(8))).toEqual({ ok: true });
  });
});
