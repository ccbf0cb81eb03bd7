import { planContract, planExit, planRoleChange, type Assignment, type LibraryKpi } from './lifecycle';

const tk = (id: string) => ({ kpi_module_id: id, weight: 10, is_required: true, custom_target: null });
const a = (
  kpi_id: string,
  status: Assignment['status'] = 'active',
  source: Assignment['source'] = 'template',
  role_group: string | null = null,
): Assignment => ({
  kpi_id,
  status,
  source,
  role_group,
});

describe('planContract', () => {
  it('assigns every template KPI on a first contract', () => {
    const plan = planContract([], [tk('k1'), tk('k2')]);
    expect(plan.assign.map((s) => [s.kpi_id, s.source])).toEqual([
      ['k1', 'template'],
      ['k2', 'template'],
    ]);
    expect(plan.deactivate).toEqual([]);
  });
  it('on renewal keeps what exists, adds what is new, and reactivates an inactive one', () => {
    const plan = planContract([a('k1'), a('k3', 'inactive')], [tk('k1'), tk('k2'), tk('k3')]);
    expect(plan.assign.map((s) => s.kpi_id)).toEqual(['k2', 'k3']);
    expect(plan.deactivate).toEqual([]);
  });
});

describe('planRoleChange', () => {
  const lib: LibraryKpi[] = [
    { kpi_id: 'conduct', role_groups: ['support', 'nurse'], is_default_for_role: true, active: true },
    { kpi_id: 'tickets', role_groups: ['support'], is_default_for_role: true, active: true },
    { kpi_id: 'care', role_groups: ['nurse'], is_default_for_role: true, active: true },
    { kpi_id: 'charting', role_groups: ['nurse'], is_default_for_role: false, active: true },
    { kpi_id: 'retired', role_groups: ['nurse'], is_default_for_role: true, active: false },
  ];
  it('deactivates the old group’s KPIs, keeps universal and manual ones, assigns the new defaults', () => {
    const plan = planRoleChange(
      [
        a('conduct', 'active', 'role_default', 'support'),
        a('tickets', 'active', 'role_default', 'support'),
        a('mentoring', 'active', 'manual'),
      ],
      lib,
      'support',
      'nurse',
    );
    expect(plan.deactivate).toEqual(['tickets']);
    expect(plan.assign.map((s) => [s.kpi_id, s.source, s.role_group])).toEqual([
      ['care', 'role_default', 'nurse'],
    ]);
  });
  it('does nothing when the group does not change', () => {
    expect(planRoleChange([a('tickets')], lib, 'support', 'support')).toEqual({ assign: [], deactivate: [] });
  });
});

describe('planExit', () => {
  it('deactivates every active KPI and leaves inactive ones alone', () => {
    expect(planExit([a('k1'), a('k2', 'inactive'), a('k3', 'active', 'manual')])).toEqual({
      assign: [],
      deactivate: ['k1', 'k3'],
    });
  });
});
