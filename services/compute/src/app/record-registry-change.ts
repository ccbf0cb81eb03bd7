import type { EntityManager } from 'typeorm';
import type { ConsumedMessage } from '@scorecard/kafka';
import { templateVersionFromState } from '../domain/registry-config';
import { storeConfig } from '../adapters/postgres/config-store';
import { markPeopleDirty, openPeriodIds } from '../adapters/postgres/periods-store';

const DEACTIVATED = 5;

/**
 * Keeps the registry read model: one row per entity version. A change that alters anything marks
 * the tenant's people dirty in every open period, so provisional scores follow config (pinned
 * template versions keep scoring instances that already exist).
 */
export async function recordRegistryChange(
  msg: ConsumedMessage<'scorecard.registry.changed.v1'>,
  em: EntityManager,
): Promise<void> {
  const e = msg.value;
  let state: unknown;
  try {
    state = JSON.parse(e.stateJson);
  } catch {
    throw new Error(`state_json of ${e.entityType} ${e.entityId} is not JSON`);
  }
  const stateActive = (state as { active?: unknown } | null)?.['active'];
  const active = (e.change as number) !== DEACTIVATED && stateActive !== false;
  if (e.entityType === 'template') {
    const version = templateVersionFromState(e.entityId, e.version, state);
    if (!version) throw new Error(`template ${e.entityId} state has no version ${e.version}`);
    state = { ...version, active };
  }
  const changed = await storeConfig(em, {
    tenantId: e.tenantId,
    entityType: e.entityType,
    entityId: e.entityId,
    version: e.version,
    active,
    state,
    changedAt: e.changedAt || new Date(0).toISOString(),
  });
  if (changed) await markPeopleDirty(em, e.tenantId, await openPeriodIds(em, e.tenantId));
}
