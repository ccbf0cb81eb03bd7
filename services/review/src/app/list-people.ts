import type { DataSource } from 'typeorm';
import type { Identity } from '@scorecard/http';
import { listPeople as queryPeople } from '../adapters/postgres/people-store';
import { visiblePeople } from './scope';

/**
 * The people the caller may see (HR and exec: the tenant; a manager: themselves and their reports;
 * anyone else: themselves) — names, org placement and how many report to them.
 */
export async function listPeople(
  ds: DataSource,
  who: Identity,
  opts: { search?: string; managersOnly: boolean; limit: number },
) {
  const ids = await visiblePeople(ds.manager, who);
  if (ids !== null && ids.length === 0) return { items: [] };
  return { items: await queryPeople(ds.manager, who.tenantId, { ids, ...opts }) };
}
