import { canReadAggregates, readScope } from './access';

describe('report read scope', () => {
  it.each([
    [['hr'], 'e1', 'tenant'],
    [['exec'], undefined, 'tenant'],
    [['manager', 'employee'], 'm1', 'reports'],
    [['manager'], undefined, 'none'],
    [['employee'], 'e1', 'self'],
    [['admin'], 'a1', 'none'],
  ])('%j with employee %s → %s', (roles, employeeId, kind) => {
    const scope = readScope(roles, employeeId);
    expect(scope.kind).toBe(kind);
    expect(canReadAggregates(scope)).toBe(kind === 'tenant');
  });
});
