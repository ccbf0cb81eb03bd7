import {
  comparePrecedence,
  isEffective,
  resolveTemplate,
  resolveTemplateForPeriod,
  scopeMatches,
  specificity,
  type PublishedVersion,
} from './template-precedence';

const v = (over: Partial<PublishedVersion>): PublishedVersion => ({
  template_id: 't',
  version: 1,
  scope: {},
  effective_from: '2025-01-01T00:00:00Z',
  published_at: '2025-01-01T00:00:00Z',
  active: true,
  ...over,
});
const at = new Date('2025-06-01T00:00:00Z');
const person = { role: 'helpdesk_agent', role_group: 'support', department_id: 'd1' };
const pick = (versions: PublishedVersion[], p = person, when = at) => {
  const r = resolveTemplate(versions, p, when);
  return r && `${r.winner.template_id}@${r.winner.version}`;
};

describe('template precedence', () => {
  it('role beats role_group beats department beats tenant-wide', () => {
    const tenant = v({ template_id: 'tenant' });
    const dept = v({ template_id: 'dept', scope: { department_id: 'd1' } });
    const group = v({ template_id: 'group', scope: { role_group: 'support' } });
    const role = v({ template_id: 'role', scope: { role: 'helpdesk_agent' } });
    expect(pick([tenant, dept, group, role])).toBe('role@1');
    expect(pick([tenant, dept, group])).toBe('group@1');
    expect(pick([tenant, dept])).toBe('dept@1');
    expect(pick([tenant])).toBe('tenant@1');
  });

  it('a scope that adds a lower field beats the same top field alone', () => {
    const group = v({ template_id: 'a', scope: { role_group: 'support' } });
    const groupDept = v({ template_id: 'b', scope: { role_group: 'support', department_id: 'd1' } });
    expect(pick([group, groupDept])).toBe('b@1');
    expect(specificity({ role: 'x' })).toBeGreaterThan(specificity({ role_group: 'x', department_id: 'y' }));
  });

  it('every set scope field must match', () => {
    expect(scopeMatches({ role: 'helpdesk_agent', department_id: 'd2' }, person)).toBe(false);
    expect(scopeMatches({ role_group: 'support' }, person)).toBe(true);
    expect(scopeMatches({}, {})).toBe(true);
    expect(pick([v({ scope: { role: 'noc_engineer' } })])).toBeUndefined();
  });

  it('then the latest effective_from, then the highest version, then the latest publication', () => {
    const older = v({ template_id: 'a', effective_from: '2025-01-01T00:00:00Z', version: 3 });
    const newer = v({ template_id: 'b', effective_from: '2025-03-01T00:00:00Z', version: 1 });
    expect(pick([older, newer])).toBe('b@1');
    expect(pick([v({ version: 1 }), v({ version: 2 })])).toBe('t@2');
    const early = v({ template_id: 'x', published_at: '2025-01-01T00:00:00Z' });
    const late = v({ template_id: 'y', published_at: '2025-02-01T00:00:00Z' });
    expect(pick([early, late])).toBe('y@1');
    expect(comparePrecedence(v({ template_id: 'a' }), v({ template_id: 'b' }))).toBeLessThan(0);
  });

  it('windows are half-open and inactive templates never match', () => {
    const window = v({ effective_from: '2025-01-01T00:00:00Z', effective_to: '2025-06-01T00:00:00Z' });
    expect(isEffective(window, new Date('2025-01-01T00:00:00Z'))).toBe(true);
    expect(isEffective(window, new Date('2025-06-01T00:00:00Z'))).toBe(false);
    expect(pick([window])).toBeUndefined();
    expect(pick([v({ effective_from: '2025-07-01T00:00:00Z' })])).toBeUndefined();
    expect(
      pick([v({ active: false, scope: { role: 'helpdesk_agent' } }), v({ template_id: 'fallback' })]),
    ).toBe('fallback@1');
  });

  it('a future version does not hide the one in force', () => {
    const v1 = v({ version: 1, effective_from: '2025-01-01T00:00:00Z' });
    const v2 = v({ version: 2, effective_from: '2025-09-01T00:00:00Z' });
    expect(pick([v1, v2])).toBe('t@1');
    expect(pick([v1, v2], person, new Date('2025-09-01T00:00:00Z'))).toBe('t@2');
    expect(resolveTemplate([v1, v2], person, new Date('2025-09-02T00:00:00Z'))?.candidates).toBe(2);
  });
});

describe('template precedence for a period', () => {
  const period = { start: '2025-06-01T00:00:00Z', end: '2025-07-01T00:00:00Z' };
  const forPeriod = (versions: PublishedVersion[]) => {
    const r = resolveTemplateForPeriod(versions, person, period);
    return r && `${r.winner.template_id}@${r.winner.version}`;
  };

  it('takes the version in force when the period opens, not one that starts within it', () => {
    const v1 = v({ version: 1, effective_from: '2025-01-01T00:00:00Z' });
    const v2 = v({ version: 2, effective_from: '2025-06-15T00:00:00Z' });
    expect(forPeriod([v1, v2])).toBe('t@1');
  });

  it('falls back to the version in force at the last instant when none was at the start', () => {
    expect(forPeriod([v({ effective_from: '2025-06-15T00:00:00Z' })])).toBe('t@1');
    expect(forPeriod([v({ effective_from: '2025-07-01T00:00:00Z' })])).toBeUndefined();
    expect(forPeriod([v({ effective_to: '2025-06-01T00:00:00Z' })])).toBeUndefined();
  });
});
