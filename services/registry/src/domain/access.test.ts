import { allowed } from './access';

describe('allowed', () => {
  it.each([
    [['admin'], 'write', true],
    [['hr'], 'write', false],
    [['manager'], 'write', false],
    [['employee'], 'read', false],
    [['hr'], 'read', true],
    [['manager'], 'read', true],
    [['exec'], 'read', true],
    [['employee', 'manager'], 'read', true],
    [['hr'], 'contract_templates', true],
    [['manager'], 'contract_templates', false],
  ] as const)('%j may %s: %s', (roles, access, expected) => {
    expect(allowed(roles, access)).toBe(expected);
  });
});
