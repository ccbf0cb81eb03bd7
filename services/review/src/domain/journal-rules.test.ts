import {
  decideEntry,
  isEffective,
  isVisibleToStaff,
  missingFields,
  type AuthorRelation,
} from './journal-rules';
import { JOURNAL_TYPES, type JournalType } from './journal-types';

const draft = (entry_type: JournalType, pending_approval = false, visible_to_staff = true) => ({
  entry_type,
  pending_approval,
  visible_to_staff,
});

describe('decideEntry', () => {
  it('knows the 16 types', () => expect(JOURNAL_TYPES).toHaveLength(16));

  it.each(['kpi_assigned', 'kpi_deactivated', 'approval_requested', 'approval_decision'] as const)(
    'refuses system type %s from anyone',
    (type) => {
      for (const who of ['self', 'line_manager', 'hr', 'outside_line'] as AuthorRelation[])
        expect(decideEntry(draft(type), who)).toMatchObject({ ok: false, code: 'system_type' });
    },
  );

  it('always lets staff respond, visibly and without approval, even when they ask to hide it', () => {
    expect(decideEntry(draft('staff_response', true, false), 'self')).toEqual({
      ok: true,
      pending_approval: false,
      visible_to_staff: true,
    });
  });

  it('lets staff write nothing else about themselves, and nobody else write a staff_response', () => {
    expect(decideEntry(draft('observation'), 'self')).toMatchObject({ code: 'staff_may_only_respond' });
    expect(decideEntry(draft('staff_response'), 'line_manager')).toMatchObject({
      code: 'staff_may_only_respond',
    });
  });

  it.each([
    ['observation', false, 'line_manager', false],
    ['observation', true, 'line_manager', true],
    ['effort_rating', false, 'hr', false],
    ['score_adjustment', false, 'line_manager', true],
    ['score_adjustment', false, 'hr', true],
    ['coaching_session', false, 'outside_line', true],
  ] as const)('%s (asked pending %s) by %s → pending %s', (type, asked, who, pending) => {
    expect(decideEntry(draft(type, asked), who)).toEqual({
      ok: true,
      pending_approval: pending,
      visible_to_staff: true,
    });
  });
});

describe('isEffective / isVisibleToStaff', () => {
  it.each([
    [true, false, null, true, true],
    [false, false, null, true, false],
    [true, true, null, false, false],
    [true, true, 'rejected', false, false],
    [true, true, 'approved', true, true],
    [false, true, 'approved', true, false],
  ] as const)(
    'visible %s pending %s decision %s → effective %s, staff sees %s',
    (visible, pending, decision, eff, sees) => {
      const e = { visible_to_staff: visible, pending_approval: pending, decision };
      expect(isEffective(e)).toBe(eff);
      expect(isVisibleToStaff(e)).toBe(sees);
    },
  );
});

describe('missingFields', () => {
  it('asks score entries for the KPI and the score, effort ratings for the rating', () => {
    expect(missingFields({ entry_type: 'score_recorded' }).map((e) => e.path)).toEqual([
      'kpi_id',
      'score_after',
    ]);
    expect(missingFields({ entry_type: 'effort_rating', kpi_id: 'k' }).map((e) => e.path)).toEqual([
      'effort_rating',
    ]);
    expect(missingFields({ entry_type: 'observation' })).toEqual([]);
    expect(missingFields({ entry_type: 'score_adjustment', kpi_id: 'k', score_after: 70 })).toEqual([]);
  });
});
