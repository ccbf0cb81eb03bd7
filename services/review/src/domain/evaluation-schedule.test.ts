import { nextEvaluationDue } from './evaluation-schedule';

describe('nextEvaluationDue', () => {
  const from = new Date('2025-01-31T10:00:00Z');
  it.each([
    ['daily', '2025-02-01T10:00:00.000Z'],
    ['weekly', '2025-02-07T10:00:00.000Z'],
    ['fortnightly', '2025-02-14T10:00:00.000Z'],
    ['monthly', '2025-02-28T10:00:00.000Z'],
    ['quarterly', '2025-04-30T10:00:00.000Z'],
    ['annually', '2026-01-31T10:00:00.000Z'],
  ] as const)('%s → %s', (freq, expected) => {
    expect(nextEvaluationDue(freq, from).toISOString()).toBe(expected);
  });
});
