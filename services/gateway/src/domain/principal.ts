import { ROLES, type Role } from '@scorecard/api';

export { ROLES, type Role };

/** Who is calling, as established from a verified token. */
export interface Principal {
  subject: string;
  tenantId: string;
  roles: readonly Role[];
  /** The person record of the caller, when they are staff (employees and managers always are). */
  employeeId?: string;
}

export const isRole = (r: unknown): r is Role =>
  typeof r === 'string' && (ROLES as readonly string[]).includes(r);
