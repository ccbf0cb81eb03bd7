import { journalInput } from './journal-input';

describe('journalInput', () => {
  it.each([
    [
      { entryType: 'score_recorded', kpiId: 'k', scoreAfter: 72 },
      { code: 'manual_score', kpiId: 'k', value: 72 },
    ],
    [
      { entryType: 'score_adjustment', kpiId: 'k', scoreAfter: 0 },
      { code: 'manual_score', kpiId: 'k', value: 0 },
    ],
    [
      { entryType: 'effort_rating', kpiId: 'k', effortRating: 4 },
      { code: 'effort_rating', kpiId: 'k', value: 4 },
    ],
    [
      { entryType: 'effort_recognition', kpiId: 'k', effortRating: 5 },
      { code: 'effort_rating', kpiId: 'k', value: 5 },
    ],
    [{ entryType: 'effort_recognition', kpiId: 'k' }, { code: 'ignored' }],
    [{ entryType: 'score_recorded', kpiId: '', scoreAfter: 50 }, { code: 'ignored' }],
    [{ entryType: 'observation', kpiId: 'k', scoreAfter: 50 }, { code: 'ignored' }],
    [{ entryType: 'approval_decision', kpiId: 'k', effortRating: 3 }, { code: 'ignored' }],
  ])('%j → %j', (entry, expected) => {
    expect(journalInput(entry)).toEqual(expected);
  });

  it('refuses ratings outside 1–5 and negative scores', () => {
    expect(journalInput({ entryType: 'effort_rating', kpiId: 'k', effortRating: 6 }).code).toBe('invalid');
    expect(journalInput({ entryType: 'effort_rating', kpiId: 'k', effortRating: 0 }).code).toBe('invalid');
    expect(journalInput({ entryType: 'score_recorded', kpiId: 'k', scoreAfter: -1 }).code).toBe('invalid');
  });
});
