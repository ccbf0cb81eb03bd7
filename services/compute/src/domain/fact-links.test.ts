import { factLinks, TIMESTAMP_FIELDS } from './fact-links';

describe('factLinks', () => {
  it('links the person and team fields a record names', () => {
    expect(
      factLinks('care', 'shift', { worker_id: 'e1', team_id: 't1', client_id: 'c1', status: 'completed' }),
    ).toEqual([
      { kind: 'person', refId: 'e1' },
      { kind: 'team', refId: 't1' },
    ]);
  });

  it('links every id of a person list, trimmed, skipping empty entries', () => {
    expect(
      factLinks('care', 'incident', { reported_by: 'e1', staff_involved: 'e2, e3,,e4 ', category: 'fall' }),
    ).toEqual([
      { kind: 'person', refId: 'e1' },
      { kind: 'person', refId: 'e2' },
      { kind: 'person', refId: 'e3' },
      { kind: 'person', refId: 'e4' },
    ]);
    expect(factLinks('care', 'incident', { staff_involved: 'e9' })).toEqual([
      { kind: 'person', refId: 'e9' },
    ]);
  });

  it('links nothing for empty, non-string or unknown fields, or an entity not in the catalog', () => {
    expect(factLinks('care', 'incident', { staff_involved: '', reported_by: 7 })).toEqual([]);
    expect(factLinks('care', 'nope', { worker_id: 'e1' })).toEqual([]);
  });

  it('places records by the care and learning timestamps too', () => {
    expect(TIMESTAMP_FIELDS).toEqual(
      expect.arrayContaining([
        'scheduled_start',
        'reported_at',
        'submitted_at',
        'received_at',
        'administered_at',
        'expires_at',
        'held_at',
      ]),
    );
  });
});
