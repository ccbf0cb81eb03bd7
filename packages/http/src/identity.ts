import type { Request } from 'express';
import { UnauthorizedError } from '@scorecard/errors';

/**
 * The caller as the gateway established it from a verified token. Services sit behind the
 * gateway (Kubernetes NetworkPolicy admits only it), so they trust these headers and never see tokens.
 */
export interface Identity {
  subject: string;
  tenantId: string;
  roles: readonly string[];
  employeeId?: string;
}

const H = {
  subject: 'x-scorecard-subject',
  tenant: 'x-scorecard-tenant',
  roles: 'x-scorecard-roles',
  employee: 'x-scorecard-employee',
} as const;

export function identityHeaders(id: Identity): Record<string, string> {
  return {
    [H.subject]: id.subject,
    [H.tenant]: id.tenantId,
    [H.roles]: id.roles.join(','),
    ...(id.employeeId ? { [H.employee]: id.employeeId } : {}),
  };
}

/** The forwarded identity of a request; a request that bypassed the gateway has none → 401. */
export function readIdentity(req: Request): Identity {
  const subject = req.header(H.subject);
  const tenantId = req.header(H.tenant);
  const roles = (req.header(H.roles) ?? '').split(',').filter(Boolean);
  if (!subject || !tenantId || roles.length === 0) throw new UnauthorizedError('No caller identity');
  const employeeId = req.header(H.employee);
  return { subject, tenantId, roles, ...(employeeId ? { employeeId } : {}) };
}
