import { NotFoundError } from '@scorecard/errors';
import { entityState, type GenericEntityType } from '../domain/entity-types';
import type { Actor, RegistryStore } from './registry-store';

/** Deactivates (or reactivates) an entity; entities are never deleted, so history stays whole. */
export function setEntityActive(
  store: RegistryStore,
  actor: Actor,
  type: GenericEntityType,
  id: string,
  active: boolean,
  reason?: string,
) {
  return store.transaction(actor.tenantId, async (tx) => {
    const current = await tx.entity(type, id, true);
    if (!current) throw new NotFoundError(`No ${type} ${id}`);
    if (current.active === active) return entityState(current);
    const state = entityState(await tx.updateEntity(type, id, { active }));
    await tx.record({
      entityType: type,
      entityId: id,
      version: state.version as number,
      change: active ? 'activated' : 'deactivated',
      actor: actor.subject,
      before: entityState(current),
      state,
      reason,
    });
    return state;
  });
}
