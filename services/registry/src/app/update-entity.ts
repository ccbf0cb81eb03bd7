import { NotFoundError, ValidationError } from '@scorecard/errors';
import { entityState, type GenericEntityType } from '../domain/entity-types';
import { checkEntity } from './check-entity';
import { conflictOnDuplicate, splitReason, valueOrThrow } from './checked-or-throw';
import type { Actor, RegistryStore } from './registry-store';

/**
 * Applies a merge patch (top-level keys replace, null removes) and re-checks the whole body, so
 * a patch can never leave an invalid configuration behind.
 */
export function updateEntity(
  store: RegistryStore,
  actor: Actor,
  type: GenericEntityType,
  id: string,
  input: unknown,
) {
  const { body: patch, reason } = splitReason(input);
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch))
    throw new ValidationError([{ path: '(root)', message: 'expected an object of fields to change' }]);
  return conflictOnDuplicate(type, () =>
    store.transaction(actor.tenantId, async (tx) => {
      const current = await tx.entity(type, id, true);
      if (!current) throw new NotFoundError(`No ${type} ${id}`);
      const merged = Object.fromEntries(
        Object.entries({ ...current.body, ...patch }).filter(([, v]) => v !== null),
      );
      const value = valueOrThrow(await checkEntity(tx, type, merged, id));
      const state = entityState(await tx.updateEntity(type, id, { body: value }));
      await tx.record({
        entityType: type,
        entityId: id,
        version: state.version as number,
        change: 'updated',
        actor: actor.subject,
        before: entityState(current),
        state,
        reason,
      });
      return state;
    }),
  );
}
