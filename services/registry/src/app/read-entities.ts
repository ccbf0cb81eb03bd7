import { NotFoundError } from '@scorecard/errors';
import { entityState, type GenericEntityType } from '../domain/entity-types';
import type { RegistryStore } from './registry-store';

export function getEntity(store: RegistryStore, tenantId: string, type: GenericEntityType, id: string) {
  return store.transaction(tenantId, async (tx) => {
    const e = await tx.entity(type, id);
    if (!e) throw new NotFoundError(`No ${type} ${id}`);
    return entityState(e);
  });
}

export interface ListFilter {
  /** Body fields that must equal (scalars) or contain (arrays) the value. */
  fields?: Record<string, string | undefined>;
  active?: boolean | undefined;
}

export function listEntities(
  store: RegistryStore,
  tenantId: string,
  type: GenericEntityType,
  filter: ListFilter = {},
) {
  return store.transaction(tenantId, async (tx) => {
    const all = await tx.entities(type);
    const wanted = Object.entries(filter.fields ?? {}).filter(
      (e): e is [string, string] => e[1] !== undefined,
    );
    const items = all.filter(
      (e) =>
        (filter.active === undefined || e.active === filter.active) &&
        wanted.every(([k, v]) => {
          const f = e.body[k];
          return Array.isArray(f) ? f.includes(v) : f === v;
        }),
    );
    return { items: items.map(entityState) };
  });
}
