import type { DataSource } from 'typeorm';
import { inTransaction } from '@scorecard/db';
import { ForbiddenError } from '@scorecard/errors';
import type { Identity } from '@scorecard/http';
import { queryAudit } from '../adapters/postgres/audit-store';

/** The audit log for HR and admins. `entity` is `type` or `type:id` (e.g. `scorecard:<uuid>`). */
export async function queryAuditLog(
  ds: DataSource,
  who: Identity,
  q: {
    entity?: string | undefined;
    from?: Date | undefined;
    to?: Date | undefined;
    limit?: number | undefined;
  },
) {
  if (!who.roles.includes('hr') && !who.roles.includes('admin'))
    throw new ForbiddenError('HR and admins read the audit log');
  const [entityType, ...rest] = (q.entity ?? '').split(':');
  const entityId = rest.join(':');
  return inTransaction(ds, async (em) => ({
    items: await queryAudit(em, {
      tenantId: who.tenantId,
      ...(entityType ? { entityType } : {}),
      ...(entityId ? { entityId } : {}),
      ...(q.from === undefined ? {} : { from: q.from }),
      ...(q.to === undefined ? {} : { to: q.to }),
      limit: q.limit ?? 500,
    }),
  }));
}
