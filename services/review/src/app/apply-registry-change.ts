import type { EntityManager } from 'typeorm';
import { RegistryChanged_Change } from '@scorecard/contracts';
import type { ConsumedMessage } from '@scorecard/kafka';
import { KEPT_ENTITY_TYPES, upsertRegistryEntity } from '../adapters/postgres/registry-store';

/**
 * Keeps the registry configuration review acts on: KPIs (names, categories, role groups, coaching
 * tips, thresholds, frequencies), contract templates, bonus policies, trigger rules and rating
 * schemes. Other entity types are not review's concern.
 */
export async function applyRegistryChange(
  msg: ConsumedMessage<'scorecard.registry.changed.v1'>,
  em: EntityManager,
): Promise<void> {
  const e = msg.value;
  if (!KEPT_ENTITY_TYPES.includes(e.entityType)) return;
  // A state that is not JSON is a producer bug: the consumer runner sends it to the DLQ.
  const state: unknown = JSON.parse(e.stateJson || '{}');
  const flag = (state as { active?: unknown } | null)?.active;
  await upsertRegistryEntity(em, {
    tenantId: e.tenantId,
    entityType: e.entityType,
    entityId: e.entityId,
    version: e.version,
    active: e.change !== RegistryChanged_Change.DEACTIVATED && flag !== false,
    state,
    changedAt: e.changedAt,
  });
}
