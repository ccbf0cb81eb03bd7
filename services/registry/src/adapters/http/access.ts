import type { Request } from 'express';
import { ForbiddenError } from '@scorecard/errors';
import { readIdentity } from '@scorecard/http';
import type { Actor } from '../../app/registry-store';
import { allowed, type Access } from '../../domain/access';

const WHAT: Record<Access, string> = {
  read: 'Reading configuration needs the admin, hr, manager or exec role',
  write: 'Changing configuration needs the admin role',
  contract_templates: 'Contract template KPIs need the admin or hr role',
};

/** The caller, when their roles allow `access` (the gateway checks too; this is defence in depth). */
export function authorize(req: Request, access: Access): Actor {
  const id = readIdentity(req);
  if (!allowed(id.roles, access)) throw new ForbiddenError(WHAT[access]);
  return { tenantId: id.tenantId, subject: id.subject };
}
