/**
 * Who may read what in reports (DESIGN §6). Employees: their own trend. Managers: people in their
 * reporting line. HR and exec: the whole tenant, including aggregates. Admin configures, it does
 * not read people's scores.
 */
export type Scope =
  | { kind: 'tenant' }
  | { kind: 'reports'; managerId: string }
  | { kind: 'self'; employeeId: string }
  | { kind: 'none' };

export function readScope(roles: readonly string[], employeeId: string | undefined): Scope {
  if (roles.includes('hr') || roles.includes('exec')) return { kind: 'tenant' };
  if (roles.includes('manager') && employeeId) return { kind: 'reports', managerId: employeeId };
  if (roles.includes('employee') && employeeId) return { kind: 'self', employeeId };
  return { kind: 'none' };
}

/** Aggregates across the organisation (heatmaps, distributions, bonus exports) are tenant-scope only. */
export const canReadAggregates = (scope: Scope): boolean => scope.kind === 'tenant';

/** Groups with fewer people than this are hidden from heatmaps and leaderboards (anonymity). */
export const MIN_GROUP_SIZE = 4;
