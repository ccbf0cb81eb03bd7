// Row-level access (DESIGN §6): employees see their own data, managers their direct and indirect
// reports, HR and exec everyone in the tenant; admin configures and sees no people data.

export interface Caller {
  subject: string;
  roles: readonly string[];
  employeeId?: string | undefined;
}

export type Relation = 'self' | 'manager' | 'tenant_wide' | 'none';

/**
 * How the caller relates to a person. `managesPerson` says whether the caller's employee id is
 * above the person in the reporting line (the closure table answers it).
 */
export function relationTo(caller: Caller, personId: string, managesPerson: boolean): Relation {
  // Self first: an HR employee or a manager looking at their own record gets the staff view, so
  // nobody sees hidden entries about themselves whatever their role.
  if (caller.employeeId === personId) return 'self';
  if (caller.roles.includes('hr') || caller.roles.includes('exec')) return 'tenant_wide';
  if (caller.roles.includes('manager') && managesPerson) return 'manager';
  return 'none';
}

/** The id a caller acts under in journal entries and audit rows. */
export const actorId = (caller: Caller): string => caller.employeeId ?? caller.subject;
