import { randomUUID } from 'node:crypto';
import { entityState, type GenericEntityType } from '../domain/entity-types';
import { checkEntity } from './check-entity';
import { conflictOnDuplicate, splitReason, valueOrThrow } from './checked-or-throw';
import type { Actor, RegistryStore } from './registry-store';

/** Creates a KPI, KRA, binding, bonus policy, trigger rule or rating scheme (version 1). */
export function createEntity(store: RegistryStore, actor: Actor, type: GenericEntityType, input: unknown) {
  const { body, reason } = splitReason(input);
  return conflictOnDuplicate(type, () =>
    store.transaction(actor.tenantId, async (tx) => {
      const id = randomUUID();
      const value = valueOrThrow(await checkEntity(tx, type, body, id));
      const state = entityState(await tx.insertEntity(type, id, value));
      await tx.record({
        entityType: type,
        entityId: id,
        version: 1,
        change: 'created',
        actor: actor.subject,
        before: null,
        state,
        reason,
      });
      return state;
    }),
  );
}
